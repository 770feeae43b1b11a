package pmp

import "strings"

// nameIndex finds the first object of a name, case-insensitively (PMP
// looks names up that way), in O(1): at --seed-size 100000 a scan of the
// order was 100,000 comparisons per request.
type nameIndex map[string]int

func (x nameIndex) add(name string, id int) {
	if _, taken := x[strings.ToLower(name)]; !taken {
		x[strings.ToLower(name)] = id
	}
}

// drop forgets id's name; the next object of that name in order, if any,
// takes it, as a scan would have found it.
func (x nameIndex) drop(name string, id int, order []int, nameOf func(int) string) {
	key := strings.ToLower(name)
	if x[key] != id {
		return
	}
	delete(x, key)
	for _, other := range order {
		if other != id && strings.ToLower(nameOf(other)) == key {
			x[key] = other
			return
		}
	}
}
