/** Builtins: expected values are OPA's documented results (or Go's, where OPA delegates to Go). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Value } from './index.js';
import { RegoEvalError, compileModules, evaluate, toJSON } from './index.js';

const empty = compileModules([]);

function q(expr: string, strict = false): unknown {
  const rs = evaluate(empty, `__x__ := ${expr}`, { strictBuiltinErrors: strict });
  const v = rs[0]?.['__x__'];
  return v === undefined ? undefined : toJSON(v as Value);
}

function strictError(expr: string): RegoEvalError {
  try {
    evaluate(empty, `__x__ := ${expr}`, { strictBuiltinErrors: true });
  } catch (e) {
    if (e instanceof RegoEvalError) return e;
    throw e;
  }
  throw new Error(`expected an error from ${expr}`);
}

describe('regex (RE2 semantics)', () => {
  it('supports POSIX classes, flags and \\A / \\z', () => {
    assert.equal(q('regex.match(`^[[:alpha:]]+$`, "abcXYZ")'), true);
    assert.equal(q('regex.match(`^[[:digit:]]+$`, "12a")'), false);
    assert.equal(q('regex.match(`(?i)^abc$`, "ABC")'), true);
    assert.equal(q('regex.match(`\\Aab\\z`, "ab")'), true);
    assert.equal(q('regex.match(`\\Aab\\z`, "ab\\n")'), false);
  });
  it('$ is end of text unless (?m)', () => {
    assert.equal(q('regex.match(`^a$`, "a\\nb")'), false);
    assert.equal(q('regex.match(`(?m)^a$`, "a\\nb")'), true);
  });
  it('rejects backreferences and lookaround like RE2', () => {
    assert.equal(q('regex.is_valid(`(a)\\1`)'), false);
    assert.equal(q('regex.is_valid(`a(?=b)`)'), false);
    assert.equal(q('regex.is_valid(`a(?:b)+`)'), true);
    assert.equal(strictError('regex.match(`(a)\\1`, "aa")').code, 'eval_builtin_error');
  });
  it('split, find and replace follow Go', () => {
    assert.deepEqual(q('regex.split(`,\\s*`, "a, b,c")'), ['a', 'b', 'c']);
    assert.deepEqual(q('regex.find_n(`[0-9]+`, "a1b22c333", 2)'), ['1', '22']);
    assert.deepEqual(q('regex.find_all_string_submatch_n(`(\\w)=(\\d)`, "a=1 b=2", -1)'), [['a=1', 'a', '1'], ['b=2', 'b', '2']]);
    assert.equal(q('regex.replace("abc-123", `[0-9]`, "#")'), 'abc-###');
    assert.equal(q('regex.template_match("urn:foo:{.*}", "urn:foo:bar:baz", "{", "}")'), true);
  });
});

describe('glob', () => {
  it('treats delimiters as OPA documents', () => {
    assert.equal(q('glob.match("*.github.com", ["."], "api.github.com")'), true);
    assert.equal(q('glob.match("*.github.com", ["."], "api.cdn.github.com")'), false);
    assert.equal(q('glob.match("**.github.com", ["."], "api.cdn.github.com")'), true);
    assert.equal(q('glob.match("*", [], "foo.bar")'), false);
    assert.equal(q('glob.match("*", null, "foo.bar")'), true);
    assert.equal(q('glob.match("{cat,bat,[fr]at}", [], "rat")'), true);
    assert.equal(q('glob.match("[!a-c]at", [], "bat")'), false);
    assert.equal(q('glob.quote_meta("*.github.com")'), '\\*.github.com');
  });
});

describe('strings', () => {
  it('sprintf supports Go verbs', () => {
    assert.equal(q('sprintf("%d items", [3])'), '3 items');
    assert.equal(q('sprintf("%s", [[1, "a"]])'), '[1, "a"]');
    assert.equal(q('sprintf("%v|%v", ["x", {"a": 1}])'), 'x|{"a": 1}');
    assert.equal(q('sprintf("%.2f", [3.14159])'), '3.14');
    assert.equal(q('sprintf("%q", ["a\\"b"])'), '"a\\"b"');
    assert.equal(q('sprintf("%x %X %o %b", [255, 255, 8, 5])'), 'ff FF 10 101');
    assert.equal(q('sprintf("%05d|%-4s|%4s", [42, "ab", "cd"])'), '00042|ab  |  cd');
    assert.equal(q('sprintf("%v", [set()])'), 'set()');
  });
  it('string helpers', () => {
    assert.equal(q('concat("/", ["a", "b"])'), 'a/b');
    assert.equal(q('trim_space("  x \\t")'), 'x');
    assert.equal(q('trim("xxhixx", "x")'), 'hi');
    assert.equal(q('substring("héllo", 1, 3)'), 'éll');
    assert.equal(q('indexof("héllo", "l")'), 2);
    assert.equal(q('strings.replace_n({"a": "1", "b": "2"}, "abc")'), '12c');
    assert.equal(q('format_int(255, 16)'), 'ff');
    assert.equal(q('to_number("1e3")'), 1000);
    assert.equal(q('strings.any_prefix_match(["aa", "bb"], "b")'), true);
    assert.equal(q('strings.count("cheese", "e")'), 3);
    assert.equal(q('strings.render_template("{{range $i, $n := .xs}}{{if $i}}, {{end}}{{$n}}{{end}}: {{.missing}}", {"xs": ["a", "b"]})'), 'a, b: <undefined>');
  });
});

describe('numbers and aggregates', () => {
  it('arithmetic and rounding follow Go', () => {
    assert.equal(q('round(-2.5)'), -3);
    assert.equal(q('round(2.5)'), 3);
    assert.equal(q('7 % 3'), 1);
    assert.equal(q('-7 % 3'), -1);
    assert.equal(strictError('1 / 0').detail, 'div: divide by zero');
    assert.equal(strictError('1.5 % 1').detail, 'rem: modulo on floating-point number');
    assert.deepEqual(q('numbers.range(3, 1)'), [3, 2, 1]);
  });
  it('aggregates', () => {
    assert.equal(q('count({"a": 1, "b": 2})'), 2);
    assert.equal(q('sum([1, 2.5])'), 3.5);
    assert.equal(q('max({3, 1, 2})'), 3);
    assert.equal(q('max([])'), undefined);
    assert.deepEqual(q('sort(["b", 1, null, "a"])'), [null, 1, 'a', 'b']);
    assert.equal(strictError('count(1)').detail, 'count: operand 1 must be one of {array, object, set, string} but got number');
  });
});

describe('objects and json', () => {
  it('object helpers', () => {
    assert.equal(q('object.get({"a": {"b": 1}}, ["a", "b"], 0)'), 1);
    assert.equal(q('object.get({"a": {"b": 1}}, ["a", "c"], 0)'), 0);
    assert.deepEqual(q('object.union({"a": {"b": 1, "c": 2}}, {"a": {"b": 3}})'), { a: { b: 3, c: 2 } });
    assert.deepEqual(q('object.remove({"a": 1, "b": 2}, ["a"])'), { b: 2 });
    assert.deepEqual(q('json.filter({"a": {"b": 1, "c": 2}, "d": 3}, ["a/b"])'), { a: { b: 1 } });
    assert.deepEqual(q('json.remove({"a": {"b": 1, "c": 2}}, ["a/b"])'), { a: { c: 2 } });
    assert.equal(q('object.subset({"a": 1, "b": 2}, {"a": 1})'), true);
  });
  it('json and encodings', () => {
    assert.equal(q('json.marshal({"b": 1, "a": [1, 2]})'), '{"a":[1,2],"b":1}');
    assert.deepEqual(q('json.unmarshal(`{"x": [true, null]}`)'), { x: [true, null] });
    assert.equal(q('base64.encode("hello")'), 'aGVsbG8=');
    assert.equal(q('base64url.encode_no_pad("hi?")'), 'aGk_');
    assert.equal(q('hex.encode("hi")'), '6869');
    assert.equal(q('urlquery.encode("a b&c")'), 'a+b%26c');
    assert.equal(q('crypto.sha256("abc")'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(q('crypto.md5("")'), 'd41d8cd98f00b204e9800998ecf8427e');
  });
  it('walk enumerates paths', () => {
    const rs = evaluate(empty, '[p, v] := walk({"a": [1]})');
    assert.deepEqual(
      rs.map((r) => toJSON(r as Value)),
      [
        { p: [], v: { a: [1] } },
        { p: ['a'], v: [1] },
        { p: ['a', 0], v: 1 },
      ],
    );
  });
});

describe('net', () => {
  it('cidr functions', () => {
    assert.equal(q('net.cidr_contains("10.0.0.0/8", "10.1.2.3")'), true);
    assert.equal(q('net.cidr_contains("10.0.0.0/8", "11.0.0.0/24")'), false);
    assert.equal(q('net.cidr_contains("2001:db8::/32", "2001:db8:1::1")'), true);
    assert.equal(q('net.cidr_intersects("10.0.0.0/8", "10.1.0.0/16")'), true);
    assert.equal(q('net.cidr_is_valid("10.0.0.0/33")'), false);
    assert.deepEqual(q('net.cidr_expand("192.168.0.0/31")'), ['192.168.0.0', '192.168.0.1']);
    assert.equal(strictError('net.cidr_expand("10.0.0.0/8")').code, 'eval_builtin_error');
  });
});

describe('time and units', () => {
  it('parses and formats times', () => {
    assert.equal(q('time.parse_rfc3339_ns("2020-01-01T00:00:00Z")'), 1577836800000000000);
    assert.equal(q('time.parse_ns("2006-01-02", "2020-01-01")'), 1577836800000000000);
    assert.equal(q('time.parse_duration_ns("1h30m")'), 5400000000000);
    assert.equal(q('time.weekday(0)'), 'Thursday');
    assert.deepEqual(q('time.date(0)'), [1970, 1, 1]);
    assert.deepEqual(q('time.clock([0, "America/New_York"])'), [19, 0, 0]);
    assert.equal(q('time.add_date(0, 0, 1, 0)'), 2678400000000000);
    assert.equal(q('time.format(1577836800000000000)'), '2020-01-01T00:00:00Z');
  });
  it('parses units', () => {
    assert.equal(q('units.parse_bytes("1KiB")'), 1024);
    assert.equal(q('units.parse_bytes("1.5KB")'), 1500);
    assert.equal(q('units.parse("10m")'), 0.01);
    assert.equal(q('units.parse("2Mi")'), 2097152);
  });
});

describe('graph', () => {
  it('reachable and reachable_paths', () => {
    assert.deepEqual(q('graph.reachable({"a": ["b"], "b": ["c"], "c": [], "d": ["a"]}, ["a"])'), ['a', 'b', 'c']);
    assert.deepEqual(q('graph.reachable_paths({"a": ["b", "c"], "b": ["c"], "c": []}, ["a"])'), [
      ['a', 'b', 'c'],
      ['a', 'c'],
    ]);
  });
});
