package generator

// ForgetParsed drops the parse trees the catalog keeps, so a benchmark's render parses its
// templates as the one render of a `pystart new` process does.
func (c *Catalog) ForgetParsed() { c.parsed.Clear() }
