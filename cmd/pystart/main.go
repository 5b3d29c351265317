// Command pystart starts Python web projects: it recommends Flask, Django or both for what you
// are building and writes a complete, tested starter repository.
package main

import "os"

func main() {
	os.Exit(int(Main(os.Args[1:], SystemStreams(), os.Getenv)))
}
