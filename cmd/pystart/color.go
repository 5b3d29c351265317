package main

import (
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// disableColor makes every lipgloss style (the wizard's theme included) render without colour
// sequences for the rest of the process.
func disableColor() { lipgloss.SetColorProfile(termenv.Ascii) }
