setTimezone('America/New_York')
[
  dateAdd('2024-01-31T00:00:00Z', 'months', 1), dateDiff('days', '2024-01-01', '2024-03-01'), dayOfWeek('2024-06-02'),
  formatDate('2024-06-02T13:04:05Z', 'YYYY/MM/DD HH:mm'), localTime('2024-07-01T12:00:00Z'), utcTime('2024-07-01T08:00:00'),
  parseDate('2024-01-01T00:00:00Z'), isBusinessDay('2024-06-01'), endOfMonth('2024-02-10T00:00:00Z'), yearFraction('2024-01-01', '2024-07-01', '30/360'),
  format('%5.2f|%-4s|%03d|%v|%t', 3.14159, 'ab', 7, [1, 2], true), format('$%2.F', 2500.0), substr('Hello World', 6, 5), trim('--x--', '-'),
  padLeft('7', 3, '0'), replace('a.b.c', '.', '/'), upper('abc'), hasPrefix('chariot', 'char'),
  pmt(250000, 0.045, 30), round(2.5), round(-2.5), round(1.2345, 2), floor(-1.5), max(3, 9, 2), sqrt(16), pow(2, 10),
  hash256('abc'), length(hash512('abc')), decryptDirect('k', encryptDirect('k', 'secret ✓'))
]
