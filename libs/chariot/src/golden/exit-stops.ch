logPrint('before')
exit(3)
logPrint('after')
