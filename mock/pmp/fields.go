package pmp

import (
	"fmt"
	"strings"
)

// Additional ("custom") fields: the API sets values by label (§6
// CUSTOMLABEL/CUSTOMVALUE); each label has a definition with a type and a
// column (§2 CUSTOMFIELDTYPE/CUSTOMFIELDCOLUMNNAME). A label not defined
// yet becomes a Character field on the next free COLUMN_CHARn.

// fieldDoc is a field as §2 and §3 show it.
type fieldDoc struct {
	Value  string `json:"CUSTOMFIELDVALUE"`
	Type   string `json:"CUSTOMFIELDTYPE"`
	Label  string `json:"CUSTOMFIELDLABEL"`
	Column string `json:"CUSTOMFIELDCOLUMNNAME"`
}

// defineField returns the definition of label at a level, creating it.
func defineField(defs *[]fieldDef, label string) fieldDef {
	n := 0
	for _, d := range *defs {
		if strings.EqualFold(d.Label, label) {
			return d
		}
		if strings.HasPrefix(d.Column, "COLUMN_CHAR") {
			n++
		}
	}
	d := fieldDef{Label: label, Type: "Character", Column: fmt.Sprintf("COLUMN_CHAR%d", n+1)}
	*defs = append(*defs, d)
	return d
}

// setFields merges label/value pairs into fields, defining new labels.
func setFields(fields []customField, defs *[]fieldDef, in []map[string]any) []customField {
	for _, m := range in {
		label, value := scalarText(m["CUSTOMLABEL"]), scalarText(m["CUSTOMVALUE"])
		d := defineField(defs, label)
		replaced := false
		for i := range fields {
			if strings.EqualFold(fields[i].Label, d.Label) {
				fields[i].Value, replaced = value, true
			}
		}
		if !replaced {
			fields = append(fields, customField{Label: d.Label, Value: value})
		}
	}
	return fields
}

func fieldDocs(fields []customField, defs []fieldDef) []fieldDoc {
	out := make([]fieldDoc, 0, len(fields))
	for _, f := range fields {
		d := fieldDef{Label: f.Label, Type: "Character"}
		for _, x := range defs {
			if strings.EqualFold(x.Label, f.Label) {
				d = x
			}
		}
		out = append(out, fieldDoc{Value: f.Value, Type: d.Type, Label: d.Label, Column: d.Column})
	}
	return out
}
