package mock

import "runtime/debug"

// version is stamped at build time:
// go build -ldflags "-X github.com/opsmock/opsmock/mock.version=v1.2.3"
var version string

// Version returns the opsmock version: the stamped one, else the module
// version from the build info, else "dev".
func Version() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}
