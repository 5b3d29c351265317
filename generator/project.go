package generator

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Project is the name a user typed and the forms of it a generated project uses.
type Project struct {
	Name    string // as typed: "my-shop"
	Package string // importable Python name: "my_shop"
	Title   string // for READMEs and page titles: "My Shop"
}

// MaxNameLength is the longest project name accepted. Every line the built-in blueprints write
// that holds the name (an import from the package, a URL include, a page title) then fits the
// 100 columns the generated ruff configuration allows; e2e's TestLongestName checks that each
// matrix row, generated under a name this long, passes ruff check and ruff format --check.
const MaxNameLength = 48

var namePattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)

// reservedNames would shadow a module the generated project imports, or a package inside every
// generated layout (config/ holds the settings), so importing the project would import the wrong
// thing. The standard library list is Python 3.11's sys.stdlib_module_names.
var reservedNames = append(strings.Fields(stdlibModules),
	"django", "flask", "werkzeug", "jinja2", "click", "itsdangerous", "markupsafe", "pytest", "ruff",
	"gunicorn", "uvicorn", "celery", "redis", "sqlalchemy", "alembic", "rest_framework", "dotenv",
	"whitenoise", "psycopg", "config", "tests", "test", "users", "core", "app", "site", "services",
	"migrations", "static", "templates", "manage", "pystart",
)

// windowsDeviceNames cannot name a file or folder on Windows (a release target), in any case
// and with any extension: a project called "con" could not be cloned there.
var windowsDeviceNames = strings.Fields(`con prn aux nul com1 com2 com3 com4 com5 com6 com7 com8 com9
lpt1 lpt2 lpt3 lpt4 lpt5 lpt6 lpt7 lpt8 lpt9`)

// pythonKeywords includes the soft keywords: a package called "match" works but reads badly.
var pythonKeywords = strings.Fields(`False None True and as assert async await break case class
continue def del elif else except finally for from global if import in is lambda match nonlocal
not or pass raise return try type while with yield`)

// NewProject validates a project name and derives its package name and title. The error says
// what is wrong and what would be accepted, in one line.
func NewProject(name string) (Project, error) {
	const rule = "use a letter followed by letters, digits, '-' or '_', e.g. my-shop"
	switch {
	case name == "":
		return Project{}, fmt.Errorf("project name is empty: %s", rule)
	case strings.ContainsAny(name, `/\`) || name == "." || name == "..":
		return Project{}, fmt.Errorf("project name %q is a path: give a name (e.g. my-shop) and choose the folder with --dir", name)
	case len(name) > MaxNameLength:
		return Project{}, fmt.Errorf("project name %q is %d characters: use at most %d", name, len(name), MaxNameLength)
	case !namePattern.MatchString(name):
		return Project{}, fmt.Errorf("project name %q is not usable as a Python package: %s", name, rule)
	}
	pkg := strings.ToLower(strings.ReplaceAll(name, "-", "_"))
	if slices.Contains(pythonKeywords, pkg) {
		return Project{}, fmt.Errorf("project name %q is a Python keyword: choose another, e.g. %s-app", name, name)
	}
	if slices.Contains(windowsDeviceNames, pkg) {
		return Project{}, fmt.Errorf("project name %q is a device name on Windows, where its folder could not be made: choose another, e.g. %s-app", name, name)
	}
	if slices.Contains(reservedNames, pkg) {
		return Project{}, fmt.Errorf("project name %q would shadow the Python module %q: choose another, e.g. my-%s", name, pkg, name)
	}
	words := strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' })
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return Project{Name: name, Package: pkg, Title: strings.Join(words, " ")}, nil
}

const stdlibModules = `abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb 
binascii bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop 
collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg 
crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest email 
encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib 
functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac html 
http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 
linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib 
msvcrt multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse 
os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform plistlib poplib posix 
posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc pydoc_data pyexpat queue quopri 
random re readline reprlib resource rlcompleter runpy sched secrets select selectors shelve 
shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile 
sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable 
sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time 
timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types 
typing unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg 
winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo`
