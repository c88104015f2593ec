logPrint("Starting test"); let x = 1 + 2; logPrint("Result is: " + x);
let y = (x + 1) * 2 - 10 / 4 % 3;
let s = "n=" + 1.5 + "," + true;
x = x - 1
let cmp = [1 < 2, 2 <= 2, 3 > 4, 4 >= 5, 1 == 1, "a" != "b", "abc" < "abd"]
let logic = [true && false, false || true, !false, !(1 == 2) && 1 < 2]
// glued '-': subtraction after a name; after whitespace it is a sign (reference reading)
let glued = array(x-1, x -1)
[x, y, s, cmp, logic, glued]
