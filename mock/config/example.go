package config

import _ "embed"

// Example is a commented configuration that loads as it is: what
// `opsmock config example` prints.
//
//go:embed example.yaml
var Example string
