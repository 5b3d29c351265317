//go:build e2e && !linux

package e2e

import "os/exec"

// dieWithTest: only Linux can tie a child's life to its parent's (Pdeathsig); elsewhere a child
// left by a timed-out run must be stopped by hand.
func dieWithTest(cmd *exec.Cmd) *exec.Cmd { return cmd }
