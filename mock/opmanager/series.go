package opmanager

import (
	"hash/fnv"
	"math"
	"strconv"
	"time"
)

// Reports and graphs answer numbers no state holds (spec x-inferred):
// each is a function of what it describes (a device, an interface, a
// metric) and the hour, so the same request gives the same answer within
// an hour, the same seed gives the same devices, and nothing is stored.

// point is one point of a graph (spec GraphPoint).
type point struct {
	X int64   `json:"x"`
	Y float64 `json:"y"`
}

// sample is a deterministic number in [lo, hi) for key, two decimals.
func sample(key string, lo, hi float64) float64 {
	h := fnv.New64a()
	_, _ = h.Write([]byte(key))
	return round2(lo + float64(h.Sum64()%1_000_000)/1_000_000*(hi-lo))
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// graphHours is how many hourly points a graph holds: the last 24.
const graphHours = 24

// hourly is key's series over the last 24 hours before now, one point an
// hour, oldest first.
func hourly(now time.Time, key string, lo, hi float64) []point {
	end := now.UTC().Truncate(time.Hour)
	out := make([]point, graphHours)
	for i := range out {
		t := end.Add(time.Duration(i-graphHours+1) * time.Hour)
		out[i] = point{X: t.UnixMilli(), Y: sample(key+"@"+strconv.FormatInt(t.Unix(), 10), lo, hi)}
	}
	return out
}

// consolidated is a series' minimum, maximum and average (spec Consolidated).
type consolidated struct {
	Min float64 `json:"min"`
	Max float64 `json:"max"`
	Avg float64 `json:"avg"`
}

func consolidate(series []point) consolidated {
	if len(series) == 0 {
		return consolidated{}
	}
	c := consolidated{Min: series[0].Y, Max: series[0].Y}
	sum := 0.0
	for _, p := range series {
		c.Min, c.Max = min(c.Min, p.Y), max(c.Max, p.Y)
		sum += p.Y
	}
	c.Avg = round2(sum / float64(len(series)))
	return c
}

// upRange is where a status puts a device's or interface's availability
// percentage: lower the worse it is.
func upRange(status int) (lo, hi float64) {
	switch status {
	case 1, 4:
		return 60, 95
	case 2, 3:
		return 95, 99.9
	case statusUnmanaged:
		return 0, 0.01
	}
	return 99.9, 100
}
