setq(down, func(n) { if (equal(n, 0)) { 0 } else { add(1, call(down, sub(n, 1))) } })
call(down, 100000)
