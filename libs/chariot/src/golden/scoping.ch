// setq in an if branch creates the variable in the branch scope: it is gone afterwards
if (true) { setq(inIf, 1) }
setq(seenIf, exists('inIf'))
// while and switch bodies run in the current scope
setq(k, 0)
while (smaller(k, 1)) { setq(inWhile, 'kept') setq(k, add(k, 1)) }
switch (1) { case (1) { setq(inSwitch, 'kept') } }
// setq updates an existing outer variable in place
setq(outer, 'before')
if (true) { setq(outer, 'after') }
// closures see their defining scope, not the caller's
setq(makeCounter, func() {
  setq(count, 0)
  func() { setq(count, add(count, 1)) count }
})
setq(counter, call(makeCounter))
call(counter)
call(counter)
setq(count, 100)
// declare shadows in the current scope; declareGlobal reaches the global scope
setq(f, func() { declare(outer, 'S', 'shadow') declareGlobal(g, 'N', 7) outer })
[seenIf, inWhile, inSwitch, outer, call(counter), call(f), outer, g]
