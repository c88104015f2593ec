declare(log, 'A')
setq(i, 0)
while (smaller(i, 10)) {
  setq(i, add(i, 1))
  if (equal(mod(i, 2), 0)) { continue() }
  if (bigger(i, 7)) { break() }
  addTo(log, i)
}
setq(grade, func(score) {
  if (biggerEq(score, 90)) { 'A' } else if (biggerEq(score, 80)) { 'B' } else { 'C' }
})
setq(kind, func(v) {
  switch (typeOf(v)) {
    case ('N') { 'number' }
    case ('S') { 'string' }
    default () { 'other' }
  }
})
setq(sign, func(v) {
  switch () {
    case (smaller(v, 0)) { -1 }
    case (bigger(v, 0)) { 1 }
    default () { 0 }
  }
})
setq(early, func(v) { if (v) { return('early') } 'late' })
[log, call(grade, 95), call(grade, 85), call(grade, 10), call(kind, 1), call(kind, 'x'), call(kind, true), call(sign, -5), call(sign, 0), call(early, true), call(early, false), if (false) { 1 }]
