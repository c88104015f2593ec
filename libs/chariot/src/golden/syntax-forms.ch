// line comment
/* block
   comment */
setq(a, "dq \"x\" \t")
setq(b, 'sq \'y\'')
setq(c, `raw \n stays`)
setq(n, -2.5)
setq(e, 1e3)
setq(arr, [1, 'two', true, [3]])
setq(noCommas, add(1 2))
setq(block, add(1) { 41 })
[a, b, c, n, e, arr, noCommas, block]
