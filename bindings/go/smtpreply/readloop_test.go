package smtpreply

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// tests/readloop: a client's read loop over awkward streams (format:
// tests/readloop/README.md), through a Reader with max_reply set to each
// listed buffer size and reads of random sizes.

type loopWant struct {
	failed bool
	code   int
	nlines int
	lines  []string // nil: not given
}

type loopStream struct {
	name    string
	buffers []int
	opts    Options
	data    bytes.Buffer
	want    []*loopWant
}

func loadStreams(t *testing.T) []*loopStream {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "..", "tests", "readloop", "*.txt"))
	if len(paths) == 0 {
		t.Skip("no tests/readloop in this tree")
	}
	var out []*loopStream
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var s *loopStream
		for sc.Scan() {
			line := sc.Text()
			if line == "" || line[0] == '#' {
				continue
			}
			if strings.HasPrefix(line, "===") {
				s = &loopStream{name: strings.TrimSpace(line[3:])}
				out = append(out, s)
				continue
			}
			key, val, _ := strings.Cut(line, ":")
			val = strings.TrimPrefix(val, " ")
			switch key {
			case "send":
				s.data.WriteString(unescape(val))
			case "repeat":
				n, b, _ := strings.Cut(val, " ")
				count, _ := strconv.Atoi(n)
				s.data.WriteString(strings.Repeat(unescape(b), count))
			case "buffer":
				for _, v := range strings.Fields(val) {
					n, _ := strconv.Atoi(v)
					s.buffers = append(s.buffers, n)
				}
			case "opts":
				for _, w := range strings.Fields(val) {
					k, v, _ := strings.Cut(w, "=")
					n, _ := strconv.Atoi(v)
					switch k {
					case "strict":
						s.opts.Strict = true
					case "max_line":
						s.opts.MaxLine = n
					case "max_lines":
						s.opts.MaxLines = n
					case "reject":
						for _, name := range strings.Split(v, ",") {
							flag, ok := FlagByName(name)
							if !ok {
								t.Fatalf("%s: unknown flag %s", path, name)
							}
							s.opts.Reject |= flag
						}
					default:
						t.Fatalf("%s: unknown option %s", path, k)
					}
				}
			case "reply", "failed":
				parts := strings.Fields(val)
				w := &loopWant{failed: key == "failed"}
				w.code, _ = strconv.Atoi(parts[0])
				if len(parts) > 1 {
					w.nlines, _ = strconv.Atoi(parts[1])
				}
				s.want = append(s.want, w)
			case "line":
				w := s.want[len(s.want)-1]
				w.lines = append(w.lines, unescape(val))
			case "lines":
				w := s.want[len(s.want)-1]
				n, text, _ := strings.Cut(val, " ")
				count, _ := strconv.Atoi(n)
				for i := 0; i < count; i++ {
					w.lines = append(w.lines, unescape(text))
				}
			default:
				t.Fatalf("%s: unknown key %q", path, key)
			}
		}
		f.Close()
	}
	return out
}

// randomReader hands out its bytes in reads of random sizes up to max.
type randomReader struct {
	data []byte
	rng  *rand.Rand
	max  int
}

func (r *randomReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := 1 + r.rng.Intn(r.max)
	if n > len(p) {
		n = len(p)
	}
	if n > len(r.data) {
		n = len(r.data)
	}
	copy(p, r.data[:n])
	r.data = r.data[n:]
	return n, nil
}

func TestReadLoop(t *testing.T) {
	rng := rand.New(rand.NewSource(1234))
	for _, s := range loadStreams(t) {
		for _, size := range s.buffers {
			opts := s.opts
			opts.MaxReply = size
			max := size
			if max > 8192 {
				max = 8192
			}
			rd := NewReader(&randomReader{data: s.data.Bytes(), rng: rng, max: max}, &opts)
			var got []*loopWant
			for {
				r, err := rd.Next()
				if errors.Is(err, io.EOF) {
					break
				}
				var perr *ParseError
				switch {
				case errors.As(err, &perr) && errors.Is(err, io.ErrUnexpectedEOF):
					t.Fatalf("%s, buffer %d: cut off: %v", s.name, size, err)
				case errors.As(err, &perr):
					if perr.ReplyCode != 0 {
						got = append(got, &loopWant{failed: true, code: perr.ReplyCode})
					}
				case err != nil:
					t.Fatal(err)
				default:
					got = append(got, &loopWant{code: r.Code, nlines: len(r.Lines), lines: r.Lines})
				}
			}
			if len(got) != len(s.want) {
				t.Fatalf("%s, buffer %d: %d results, want %d", s.name, size, len(got), len(s.want))
			}
			for i, w := range s.want {
				g := got[i]
				if g.failed != w.failed || g.code != w.code || (!w.failed && g.nlines != w.nlines) {
					t.Errorf("%s, buffer %d, result %d: got %+v, want %+v", s.name, size, i, *g, *w)
				}
				if !w.failed && w.lines != nil && !reflect.DeepEqual(g.lines, w.lines) {
					t.Errorf("%s, buffer %d, result %d: lines differ", s.name, size, i)
				}
			}
		}
	}
}

func TestFailedReplyTakesItsCommand(t *testing.T) {
	p, _ := NewParser(&Options{MaxLines: 2})
	p.Expect(CommandEHLO, CommandMAIL)
	rs, errs := p.Feed([]byte("250-a\r\n250-b\r\n250 c\r\n250 ok\r\n"))
	var perr *ParseError
	if len(errs) != 1 || !errors.As(errs[0], &perr) || perr.ReplyCode != 250 || perr.Command != CommandEHLO {
		t.Fatalf("errors %v", errs)
	}
	if len(rs) != 1 || rs[0].Command != CommandMAIL {
		t.Fatalf("replies %v", rs)
	}
	_, errs = p.Feed([]byte("HTTP/1.1 400\r\n"))
	if !errors.As(errs[0], &perr) || perr.ReplyCode != 0 || perr.Command != CommandUnknown {
		t.Errorf("junk %+v", perr)
	}
}
