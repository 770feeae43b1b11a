package spec_test

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The citation grammar of docs/sources.md.
var (
	factList   = regexp.MustCompile(`\bfacts? ([A-D][1-9][0-9]*(?:(?:, |/|-| and )[A-D][1-9][0-9]*)*)`)
	factID     = regexp.MustCompile(`[A-D][1-9][0-9]*`)
	bareFact   = regexp.MustCompile(`(^|[^A-Za-z0-9_\-§#"/])([A-D][1-7])($|[^0-9A-Za-z_"])`)
	sectionRef = regexp.MustCompile(`§([0-9]+)`)
	outside    = regexp.MustCompile("API-FACTS|(?i:seed) `?00[0-9]|seed §|DESIGN\\.md|STYLE\\.md|\\.\\./shared")
	heading    = regexp.MustCompile(`(?m)^### ([A-Z0-9-]+)$`)
	citedDocs  = regexp.MustCompile(`\b(?:OPM|OM|PMP)-[A-Z]+\b`)
)

// TestCitationsResolve reads every text file of the repository: each
// citation must resolve in docs/sources.md (a fact by its heading, a
// document by its name, a PMP section within the document's 91), and none
// may point at material outside the repository.
func TestCitationsResolve(t *testing.T) {
	raw, err := os.ReadFile("../docs/sources.md")
	require.NoError(t, err)
	known := map[string]bool{}
	for _, m := range heading.FindAllStringSubmatch(string(raw), -1) {
		known[m[1]] = true
	}
	require.True(t, known["A4"] && known["PMP-DOC"], "docs/sources.md has its headings")
	sections := map[string]bool{}
	for _, s := range pmpSections(t, "") {
		sections[strconv.Itoa(s.n)] = true
	}
	require.Len(t, sections, 91)

	cited := 0
	err = filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); name == ".git" || name == "bin" || name == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if !cites(path) {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			where := path + ":" + strconv.Itoa(n)
			if m := outside.FindString(line); m != "" {
				t.Errorf("%s cites %q, which is not in the repository", where, m)
			}
			for _, m := range factList.FindAllStringSubmatch(line, -1) {
				for _, id := range factID.FindAllString(m[1], -1) {
					cited++
					assert.True(t, known[id], "%s cites fact %s, which docs/sources.md does not have", where, id)
				}
			}
			rest := factList.ReplaceAllString(heading.ReplaceAllString(line, ""), "")
			if m := bareFact.FindStringSubmatch(rest); m != nil {
				t.Errorf("%s cites %s without saying it is a fact (write \"fact %s\"): %s", where, m[2], m[2], strings.TrimSpace(line))
			}
			for _, m := range sectionRef.FindAllStringSubmatch(line, -1) {
				cited++
				assert.True(t, sections[m[1]], "%s cites §%s; PMP-DOC has sections 1 to %d", where, m[1], len(sections))
			}
			for _, doc := range citedDocs.FindAllString(line, -1) {
				cited++
				assert.True(t, known[doc], "%s cites %s, which docs/sources.md does not name", where, doc)
			}
		}
		return sc.Err()
	})
	require.NoError(t, err)
	assert.Greater(t, cited, 300, "the repository's citations were read")
}

// cites says whether a file is text that may cite a source. This test
// names the forbidden words itself, so it is left out.
func cites(path string) bool {
	if strings.HasSuffix(path, "citations_test.go") || strings.Contains(path, string(filepath.Separator)+"testdata"+string(filepath.Separator)) {
		return false
	}
	switch filepath.Ext(path) {
	case ".go", ".yaml", ".yml", ".md", ".sh", ".json":
		return true
	}
	return filepath.Base(path) == "Makefile"
}
