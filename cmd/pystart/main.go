// Command pystart starts Python web projects: it recommends Flask, Django or both for what you
// are building and writes a complete, tested starter repository.
package main

import (
	"os"
	"runtime/debug"
)

func main() {
	collectOnlyWhenLarge()
	os.Exit(int(Main(os.Args[1:], SystemStreams(), os.Getenv)))
}

// collectOnlyWhenLarge turns the garbage collector's pacing off below 64 MB of heap. A run of
// pystart new allocates a few MB and exits within milliseconds: the collection it triggered at
// 4 MB was work thrown away (about 2 ms of a 20 ms run on 2 cores). A long wizard session still
// collects, once the heap reaches the limit. GOGC or GOMEMLIMIT in the environment win.
func collectOnlyWhenLarge() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(64 << 20)
	debug.SetGCPercent(-1)
}
