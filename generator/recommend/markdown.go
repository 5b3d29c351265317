package recommend

import (
	"fmt"
	"strings"
)

// RulesMarkdown renders the rule table for the README: every signal with its weight and
// dimension, how side services and ties count, then the suggested extensions. It is generated
// from rules.yaml so the documentation cannot drift from what Recommend does.
func RulesMarkdown() string {
	table := rulesTable()
	var b strings.Builder
	b.WriteString("| signal | framework | weight | dimension | why |\n|---|---|---|---|---|\n")
	row := func(name string, ru rule, note string) {
		if len(ru.Signals) == 0 {
			fmt.Fprintf(&b, "| %s | – | 0 | – | %s |\n", name, cell(note))
		}
		for _, s := range ru.Signals {
			fmt.Fprintf(&b, "| %s | %s | +%d | %s | %s |\n", name, s.Framework, s.Weight, s.Dimension, cell(s.Text))
		}
	}
	for _, uc := range table.UseCases {
		row("use case `"+uc.ID+"`", uc.rule, uc.Note)
	}
	for _, t := range table.Teams {
		row("`--team "+t.ID+"`", t.rule, t.Note)
	}
	row("`--admin`", table.Admin, "")
	row("`--security-critical`", table.SecurityCritical, "")
	for _, p := range table.Priorities {
		row("`--priority "+p.ID+"`", p.rule, p.Note)
	}
	row("`--async`", table.Async, "")
	fmt.Fprintf(&b, "| `--service ID` on a Django-shaped main app | hybrid | django score +%d per service | %s | %s |\n",
		table.Hybrid.PerService, table.Hybrid.Dimension, cell(table.Hybrid.Text))
	fmt.Fprintf(&b, "| `--service ID` otherwise | flask | +%d per service | %s | %s |\n",
		table.FlaskServices.PerService, table.FlaskServices.Dimension, cell(table.FlaskServices.Text))
	fmt.Fprintf(&b, "| top two scores equal | the first of %s | 0 | %s | %s |\n",
		strings.Join(Frameworks, ", "), table.Tie.Dimension, cell(table.Tie.Text))

	b.WriteString("\nSuggested extensions, collected from every rule that applied for the framework that wins" +
		" (for the hybrid, its Django main application; each side service has its own Flask list):\n\n")
	b.WriteString("| when | Flask | Django |\n|---|---|---|\n")
	ext := func(name string, exts map[string][]string, always bool) {
		if always || len(exts["flask"])+len(exts["django"]) > 0 {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", name, list(exts["flask"]), list(exts["django"]))
		}
	}
	for _, uc := range table.UseCases {
		ext("use case `"+uc.ID+"`", uc.Extensions, false)
	}
	for _, t := range table.Teams {
		ext("`--team "+t.ID+"`", t.Extensions, false)
	}
	ext("`--admin`", table.Admin.Extensions, false)
	ext("`--security-critical`", table.SecurityCritical.Extensions, false)
	for _, p := range table.Priorities {
		ext("`--priority "+p.ID+"`", p.Extensions, false)
	}
	ext("`--async`", table.Async.Extensions, false)
	ext("hybrid, its Django main app", table.Hybrid.Extensions, true)
	for _, s := range table.Services {
		ext("hybrid, side service `"+s.ID+"` ("+cell(s.Summary)+")", s.Extensions, true)
	}
	return b.String()
}

func list(ids []string) string {
	if len(ids) == 0 {
		return "–"
	}
	return strings.Join(ids, ", ")
}

// cell keeps a text from breaking the table.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
