if (true) {
  logPrint('x')
