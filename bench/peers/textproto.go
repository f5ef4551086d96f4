// The benchmark's Go peer: net/textproto's Reader.ReadResponse, which
// net/smtp uses to read every reply.
//
//	textproto CORPUS RUNS MIN_MS
//
// One pass reads every reply of the corpus through a bufio.Reader (4 KiB,
// as net/smtp's connection has) over the corpus in memory. Time is the
// process's CPU time (getrusage: the garbage collector's threads count
// too), the median of RUNS runs of at least MIN_MS each after MIN_MS
// untimed, as in bench.c.
// Prints one line:
//
//	RESULT replies=N bytes=N ns_per_reply=X mb_s=X ns_min=X ns_max=X
//
// (ns_per_reply is the median run's; ns_min and ns_max the fastest and
// slowest run's.)
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net/textproto"
	"os"
	"sort"
	"strconv"
	"syscall"
)

func cpuNs() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func onePass(data []byte) (int, error) {
	r := textproto.NewReader(bufio.NewReaderSize(bytes.NewReader(data), 4096))
	n := 0
	for {
		_, _, err := r.ReadResponse(0)
		if err == io.EOF {
			return n, nil
		}
		// A reply that is not an error for ReadResponse(0) comes with
		// no error; *textproto.Error is the server's own failure code.
		if _, ok := err.(*textproto.Error); err != nil && !ok {
			return n, fmt.Errorf("reply %d: %v", n+1, err)
		}
		n++
	}
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: textproto CORPUS RUNS MIN_MS")
		os.Exit(2)
	}
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	runs, _ := strconv.Atoi(os.Args[2])
	minMs, _ := strconv.ParseFloat(os.Args[3], 64)
	if runs < 1 {
		runs = 1
	}
	times := make([]float64, 0, runs)
	n := 0
	// Warm-up, not timed, as in bench.c.
	for start := cpuNs(); float64(cpuNs()-start) < minMs*1e6; {
		if _, err := onePass(data); err != nil {
			fmt.Fprintln(os.Stderr, "textproto:", err)
			os.Exit(1)
		}
	}
	for k := 0; k < runs; k++ {
		passes := 0
		start := cpuNs()
		var el int64
		for {
			n, err = onePass(data)
			if err != nil {
				fmt.Fprintln(os.Stderr, "textproto:", err)
				os.Exit(1)
			}
			passes++
			el = cpuNs() - start
			if float64(el) >= minMs*1e6 {
				break
			}
		}
		times = append(times, float64(el)/float64(passes))
	}
	sort.Float64s(times)
	pass := times[len(times)/2]
	fmt.Printf("RESULT replies=%d bytes=%d ns_per_reply=%.2f mb_s=%.2f ns_min=%.2f ns_max=%.2f\n",
		n, len(data), pass/float64(n), float64(len(data))/pass*1e3,
		times[0]/float64(n), times[len(times)-1]/float64(n))
}
