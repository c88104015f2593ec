setq(m, mapValue('a', 1, 'b', 'two'))
[
  typeOf(1), typeOf('s'), typeOf(true), typeOf(null), typeOf([1]), typeOf(m), typeOf(jsonNode('{}')),
  typeOf(xmlNode('x')), typeOf(create('t')), typeOf(func() { 1 }), typeOf(createHostObject('h')),
  toString(1000000), toString(123456), toString(0.00001), toString(2.5), toString([1, 'a']), toString(null),
  toNumber('3.5'), toNumber('nope'), toBool('true'), toBool(0), isNull(null),
  equal(null, DBNull), equal(1, '1'), equal([1], [1]), and(true, null), or(false, null), iif(true, 'y', 'n'),
  concat('a', 1, true, null)
]
