/**
 * The scripts a new user finds in their store. Each one runs as it is (the e2e suite runs them
 * through POST /api/execute), so keep them in step with the language.
 */
export const EXAMPLE_FILES: ReadonlyArray<{ name: string; content: string }> = [
  {
    name: 'hello.ch',
    content: `// The example from the Chariot README: three INFO entries, then the value of the last line.
logPrint("Starting test"); let x = 1 + 2; logPrint("Result is: " + x); logPrint("Test complete");
`,
  },
  {
    name: 'streaming-demo.ch',
    content: `// Streaming demo: run it with "Stream Logs" on and watch the entries arrive one step at a time.
// Every step writes one entry at each level (DEBUG, INFO, WARN, ERROR), reports its progress
// and pauses for 300 ms.
let steps = 5;
let i = 1;
progress(0, "starting");
while (i <= steps) {
  logPrint("step " + i + ": debug detail", "debug");
  logPrint("step " + i + " of " + steps + ": working", "info");
  logPrint("step " + i + ": a warning, the run goes on", "warn");
  logPrint("step " + i + ": an error entry, still not fatal", "error");
  progress(i * 100 / steps, "step " + i + " of " + steps);
  sleep(300);
  i = i + 1;
}
logPrint("Streaming demo complete");
steps
`,
  },
  {
    name: 'functions.ch',
    content: `// The call syntax: every construct is a function call.
// setq assigns, func(params) { body } makes a function, call(f, args...) calls it, while loops.
setq(square, func(n) { mul(n, n) })
setq(i, 1)
setq(total, 0)
while (smaller(i, 6)) {
  setq(sq, call(square, i))
  logPrint(concat("square of ", i, " is ", sq))
  setq(total, add(total, sq))
  setq(i, add(i, 1))
}
logPrint(concat("sum of the squares of 1 to 5 is ", total))
total
`,
  },
];
