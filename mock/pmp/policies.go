package pmp

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// policyDocs are the password policies of PMP §77, keys typo-corrected,
// values as documented. The rules the mock enforces are read from them, so
// what GET passwords/policies shows is what validation applies.
var policyDocs = []map[string]string{
	{"POLICYID": "10000000000001", "POLICYNAME": "Low", "DESCRIPTION": "Password with less strict constraints", "DEFAULTPOLICY": "false",
		"PASSWORD MIN LENGTH": "4", "PASSWORD MAX LENGTH": "8", "ENFORCE MIXED CASE": "false", "ENFORCE NUMERALS": "false",
		"ENFORCE SPL CHARS": "false", "NO OF SPL CHARS REQUIRED": "0", "NUMBER OF NUMERALS": "0",
		"NUMBER OF LOWERCASE CHARACTERS REQUIRED": "0", "NUMBER OF UPPERCASE CHARACTERS REQUIRED": "0",
		"ENFORCE STARTING WITH AN ALPHABET": "false", "PASSWORD CAN CONTAIN LOGINNAME": "false", "PASSWORD VALIDITY PERIOD": "0",
		"REUSE OF OLD PASSWORDS": "Don't allow last 1 passwords", "CHECK DICTIONARY WORD": "false", "CHECK ANAGRAM OF LOGINNAME": "false",
		"CHECK SEQUENCE": "false", "CHECK REPEATED SUBSTRING": "false", "CHECK SIMILARITY OF PASSWORDS": "false"},
	{"POLICYID": "10000000000002", "POLICYNAME": "Medium", "DESCRIPTION": "Password with few strict constraints", "DEFAULTPOLICY": "false",
		"PASSWORD MIN LENGTH": "6", "PASSWORD MAX LENGTH": "10", "ENFORCE MIXED CASE": "true", "ENFORCE NUMERALS": "true",
		"ENFORCE SPL CHARS": "false", "NO OF SPL CHARS REQUIRED": "0", "NUMBER OF NUMERALS": "1",
		"NUMBER OF LOWERCASE CHARACTERS REQUIRED": "1", "NUMBER OF UPPERCASE CHARACTERS REQUIRED": "1",
		"ENFORCE STARTING WITH AN ALPHABET": "true", "PASSWORD CAN CONTAIN LOGINNAME": "true", "PASSWORD VALIDITY PERIOD": "180",
		"REUSE OF OLD PASSWORDS": "Don't allow last 5 passwords", "CHECK DICTIONARY WORD": "false", "CHECK ANAGRAM OF LOGINNAME": "false",
		"CHECK SEQUENCE": "false", "CHECK REPEATED SUBSTRING": "false", "CHECK SIMILARITY OF PASSWORDS": "true",
		"NUMBER OF PASSWORDS TO CHECK FOR SIMILARITY": "1"},
	{"POLICYID": "10000000000003", "POLICYNAME": "Strong", "DESCRIPTION": "Password with strict constraints", "DEFAULTPOLICY": "true",
		"PASSWORD MIN LENGTH": "8", "PASSWORD MAX LENGTH": "16", "ENFORCE MIXED CASE": "true", "ENFORCE NUMERALS": "true",
		"ENFORCE SPL CHARS": "true", "NO OF SPL CHARS REQUIRED": "1", "NUMBER OF NUMERALS": "1",
		"NUMBER OF LOWERCASE CHARACTERS REQUIRED": "1", "NUMBER OF UPPERCASE CHARACTERS REQUIRED": "1",
		"ENFORCE STARTING WITH AN ALPHABET": "true", "PASSWORD CAN CONTAIN LOGINNAME": "true", "PASSWORD VALIDITY PERIOD": "30",
		"REUSE OF OLD PASSWORDS": "Don't allow last 10 passwords", "CHECK DICTIONARY WORD": "true", "DICTIONARY NAME": "Common Words",
		"CHECK ANAGRAM OF LOGINNAME": "false", "CHECK SEQUENCE": "true", "SEQUENCE LENGTH": "5", "CHECK NUMERIC SEQUENCE": "true",
		"CHECK ALPHABET SEQUENCE": "true", "CHECK KEYBOARD SEQUENCE": "true", "KEYBOARD LAYOUT": "QWERTY",
		"CHECK CONSECUTIVE SEQUENCE": "true", "CHECK OBVIOUS SUBSTITUTION": "false", "CHECK REPEATED SUBSTRING": "true",
		"CHECK SIMILARITY OF PASSWORDS": "true", "NUMBER OF PASSWORDS TO CHECK FOR SIMILARITY": "1"},
	{"POLICYID": "10000000000004", "POLICYNAME": "Offline Password File", "DESCRIPTION": "Policy for offline password access", "DEFAULTPOLICY": "false",
		"PASSWORD MIN LENGTH": "16", "PASSWORD MAX LENGTH": "32", "ENFORCE MIXED CASE": "true", "ENFORCE NUMERALS": "true",
		"ENFORCE SPL CHARS": "true", "NO OF SPL CHARS REQUIRED": "1", "NUMBER OF NUMERALS": "1",
		"NUMBER OF LOWERCASE CHARACTERS REQUIRED": "1", "NUMBER OF UPPERCASE CHARACTERS REQUIRED": "1",
		"ENFORCE STARTING WITH AN ALPHABET": "false", "PASSWORD CAN CONTAIN LOGINNAME": "true", "PASSWORD VALIDITY PERIOD": "30",
		"REUSE OF OLD PASSWORDS": "Don't allow last 10 passwords", "CHECK DICTIONARY WORD": "false", "CHECK ANAGRAM OF LOGINNAME": "false",
		"CHECK SEQUENCE": "false", "CHECK REPEATED SUBSTRING": "false", "CHECK SIMILARITY OF PASSWORDS": "false"},
}

// policy is one policy's rules, read from its document.
type policy struct {
	doc                                   map[string]string
	name                                  string
	min, max                              int
	lower, upper, digits, special         int
	startAlpha, canContainLogin, checkDic bool
}

func policyOf(doc map[string]string) policy {
	n := func(k string) int { v, _ := strconv.Atoi(doc[k]); return v }
	b := func(k string) bool { return doc[k] == "true" }
	return policy{doc: doc, name: doc["POLICYNAME"], min: n("PASSWORD MIN LENGTH"), max: n("PASSWORD MAX LENGTH"),
		lower: n("NUMBER OF LOWERCASE CHARACTERS REQUIRED"), upper: n("NUMBER OF UPPERCASE CHARACTERS REQUIRED"),
		digits: n("NUMBER OF NUMERALS"), special: n("NO OF SPL CHARS REQUIRED"),
		startAlpha: b("ENFORCE STARTING WITH AN ALPHABET"), canContainLogin: b("PASSWORD CAN CONTAIN LOGINNAME"),
		checkDic: b("CHECK DICTIONARY WORD")}
}

// findPolicy looks a policy up by name (any case) or ID; "" is the default.
func findPolicy(nameOrID string) (policy, bool) {
	for _, d := range policyDocs {
		if (nameOrID == "" && d["DEFAULTPOLICY"] == "true") || strings.EqualFold(d["POLICYNAME"], nameOrID) || d["POLICYID"] == nameOrID {
			return policyOf(d), true
		}
	}
	return policy{}, false
}

// dictionaryWords stand in for the "Common Words" dictionary (§77).
var dictionaryWords = []string{"password", "welcome", "admin", "qwerty", "letmein", "secret", "login"}

const specialChars = "!@#$%^&*()-_=+[]{};:,.?/~"

// check returns the first rule pw breaks, or "".
func (p policy) check(pw, login string) string {
	var lower, upper, digits, special int
	for _, r := range pw {
		switch {
		case unicode.IsLower(r):
			lower++
		case unicode.IsUpper(r):
			upper++
		case unicode.IsDigit(r):
			digits++
		default:
			special++
		}
	}
	n := len([]rune(pw))
	lp := strings.ToLower(pw)
	switch {
	case n < p.min:
		return fmt.Sprintf("Password length must be at least %d characters.", p.min)
	case p.max > 0 && n > p.max:
		return fmt.Sprintf("Password length must not exceed %d characters.", p.max)
	case lower < p.lower:
		return fmt.Sprintf("Password must contain at least %d lowercase character(s).", p.lower)
	case upper < p.upper:
		return fmt.Sprintf("Password must contain at least %d uppercase character(s).", p.upper)
	case digits < p.digits:
		return fmt.Sprintf("Password must contain at least %d numeral(s).", p.digits)
	case special < p.special:
		return fmt.Sprintf("Password must contain at least %d special character(s).", p.special)
	case p.startAlpha && !unicode.IsLetter([]rune(pw)[0]):
		return "Password must start with an alphabet."
	case !p.canContainLogin && login != "" && strings.Contains(lp, strings.ToLower(login)):
		return "Password must not contain the login name."
	}
	if p.checkDic {
		for _, w := range dictionaryWords {
			if strings.Contains(lp, w) {
				return "Password must not contain a dictionary word."
			}
		}
	}
	return ""
}

// draws is what generate needs of a random source: the state's faker at
// runtime, a seedgen.Rand for seeded accounts.
type draws interface{ IntN(n int) int }

// generate makes a password the policy accepts from f, so generated
// passwords are deterministic for a seed and call sequence.
func (p policy) generate(f draws) string {
	const lowers, uppers, digitsSet = "abcdefghijkmnpqrstuvwxyz", "ABCDEFGHJKLMNPQRSTUVWXYZ", "23456789"
	pick := func(set string) byte { return set[f.IntN(len(set))] }
	length := min(max(p.min, 12), max(p.max, p.min))
	for {
		b := make([]byte, 0, max(length, p.lower+p.upper+p.digits+p.special))
		for i := 0; i < p.lower; i++ {
			b = append(b, pick(lowers))
		}
		for i := 0; i < p.upper; i++ {
			b = append(b, pick(uppers))
		}
		for i := 0; i < p.digits; i++ {
			b = append(b, pick(digitsSet))
		}
		for i := 0; i < p.special; i++ {
			b = append(b, pick(specialChars))
		}
		for len(b) < length {
			b = append(b, pick(lowers+uppers+digitsSet))
		}
		// Fisher-Yates as gofakeit's ShuffleAnySlice, without its
		// reflection, which was a fifth of PMP's seeding.
		for i := len(b) - 1; i > 0; i-- {
			j := f.IntN(i + 1)
			b[i], b[j] = b[j], b[i]
		}
		if p.startAlpha && !unicode.IsLetter(rune(b[0])) {
			for i := range b {
				if unicode.IsLetter(rune(b[i])) {
					b[0], b[i] = b[i], b[0]
					break
				}
			}
		}
		if pw := string(b); p.check(pw, "") == "" {
			return pw
		}
	}
}
