//go:build e2e && linux

package e2e

import (
	"os/exec"
	"syscall"
)

// dieWithTest has the kernel kill cmd when the test binary goes, however it goes: t.Cleanup does
// not run when go test's -timeout panics, and a redis-server, a Celery worker or a hung pytest
// would outlive the run (with-services' trap stops only PostgreSQL, which it started itself).
func dieWithTest(cmd *exec.Cmd) *exec.Cmd {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
	return cmd
}
