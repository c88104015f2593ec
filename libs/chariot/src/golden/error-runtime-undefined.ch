logPrint('start')
setq(f, func() {
  add(1, missing)
})
call(f)
