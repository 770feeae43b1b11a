package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/opsmock/opsmock/spec"
)

const specSynopsis = `Usage:
  opsmock spec list [--product P]   product, method, path and operationId of every operation
  opsmock spec show PRODUCT         the embedded OpenAPI document of a product`

const specShowSynopsis = `Usage: opsmock spec show PRODUCT

Prints the embedded OpenAPI document of PRODUCT (pmp, opsmanager, opmanager).`

func specCommand(args []string, stdout io.Writer) error {
	if len(args) == 0 {
		return usageError{"spec needs a subcommand: list or show"}
	}
	if wantsHelp(args) {
		return helpShown{specSynopsis + "\n"}
	}
	switch args[0] {
	case "list":
		fs := flag.NewFlagSet("spec list", flag.ContinueOnError)
		product := fs.String("product", "all", "product whose operations to list")
		if err := parseFlags(fs, args[1:], "Usage: opsmock spec list [--product P]\n\nLists product, method, path and operationId of every operation."); err != nil {
			return err
		}
		return specList(*product, stdout)
	case "show":
		if wantsHelp(args[1:]) {
			return helpShown{specShowSynopsis + "\n"}
		}
		if len(args) != 2 {
			return usageError{"spec show needs one product: " + strings.Join(spec.Available(), ", ")}
		}
		raw, err := spec.Raw(args[1])
		if err != nil {
			return usageError{err.Error()}
		}
		_, err = stdout.Write(raw)
		return err
	}
	return usageError{fmt.Sprintf("unknown spec subcommand %q", args[0])}
}

// specList prints every operation: product, method, path, operationId.
func specList(product string, stdout io.Writer) error {
	products := spec.Available()
	if product != "all" {
		products = []string{product}
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "PRODUCT\tMETHOD\tPATH\tOPERATION")
	for _, p := range products {
		doc, err := spec.Load(p)
		if err != nil {
			return usageError{err.Error()}
		}
		for _, op := range spec.Operations(p, doc) {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", op.Product, op.Method, op.Path, op.OperationID)
		}
	}
	return tw.Flush()
}
