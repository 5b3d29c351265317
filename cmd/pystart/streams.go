package main

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams are the streams a command reads and writes, injected so tests use buffers and the
// wizard knows whether it may take over the terminal.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY, stdoutTTY, stdinPiped bool
}

// SystemStreams are the process's own streams.
func SystemStreams() *IOStreams {
	piped := false
	if info, err := os.Stdin.Stat(); err == nil {
		piped = info.Mode()&os.ModeNamedPipe != 0
	}
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		stdinTTY:   term.IsTerminal(int(os.Stdin.Fd())),
		stdoutTTY:  term.IsTerminal(int(os.Stdout.Fd())),
		stdinPiped: piped,
	}
}

// TestStreams returns streams backed by buffers: input to read, output and errors to inspect.
func TestStreams() (*IOStreams, *bytes.Buffer, *bytes.Buffer, *bytes.Buffer) {
	in, out, errOut := &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, in, out, errOut
}

// CanPrompt reports whether a full-screen wizard can run: both ends must be a terminal.
func (s *IOStreams) CanPrompt() bool { return s.stdinTTY && s.stdoutTTY }

// StdinPiped reports whether input comes from a pipe: a script answering the wizard's questions
// line by line in accessible mode.
func (s *IOStreams) StdinPiped() bool { return s.stdinPiped }

// SetPiped marks the test streams' input as a pipe.
func (s *IOStreams) SetPiped(piped bool) { s.stdinPiped = piped }

// SetTTY marks the test streams as a terminal, to test the prompting paths.
func (s *IOStreams) SetTTY(tty bool) { s.stdinTTY, s.stdoutTTY = tty, tty }
