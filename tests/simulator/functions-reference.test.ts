/**
 * The function table: cases written from the Microsoft reference for workflow expression functions
 * (learn.microsoft.com/azure/logic-apps/expression-functions-reference; Markdown source
 * MicrosoftDocs/azure-docs articles/logic-apps/workflow-definition-language-functions-reference.md, 2021 and
 * 2023 revisions). Where a row is the reference's own example the expected value is the reference's; where
 * the reference's example is wrong (a typo, or an illustration that is not a result), the row says so.
 * Rows marked "semantics" follow a documented rule rather than a printed example.
 */
import { describe, expect, it } from "vitest";
import { createStaticContext, evaluateString, type StaticContextInput } from "../../simulator/expression/evaluate";

const ITEMS_XML =
  '<?xml version="1.0"?><produce><item><name>Gala</name><type>apple</type><count>20</count></item><item><name>Honeycrisp</name><type>apple</type><count>10</count></item></produce>';
const ITEMS_EXPIRED =
  "<?xml version=\"1.0\"?><produce><item><name expired='true' price='12'>Gala</name><type>apple</type><count>20</count></item><item><name expired='false' price='40'>Honeycrisp</name><type>apple</type><count>10</count></item></produce>";
const ITEMS_ONE_EXPIRED =
  "<?xml version=\"1.0\"?><produce><item><name expired='true'>Gala</name><type>apple</type><count>20</count></item><item><name>Honeycrisp</name><type>apple</type><count>10</count></item></produce>";
const FILE_XML = '<?xml version="1.0"?><file xmlns="https://contoso.com"><location>Paris</location></file>';

const GET_USER_BODY = {
  FullName: "Contoso Corporation",
  Location: "Generic Town, USA",
  Id: 283541717,
  UserName: "ContosoInc",
  FollowersCount: 172,
  Description: "Leading the way in transforming the digital workplace.",
  StatusesCount: 93,
  FriendsCount: 126,
  FavouritesCount: 46,
  ProfileImageUrl: "https://pbs.twimg.com/profile_images/908820389907722240/gG9zaHcd_400x400.jpg",
};
const GET_USER_OUTPUTS = {
  statusCode: 200,
  headers: { Pragma: "no-cache", "Content-Type": "application/json; charset=utf-8", "Content-Length": "339" },
  body: GET_USER_BODY,
};
const FOR_EACH_RESULTS = [
  {
    name: "HTTP",
    inputs: { uri: "https://httpstat.us/200", method: "GET" },
    outputs: { statusCode: 200, headers: { "Content-Length": "0" } },
    startTime: "2019-08-20T22:15:37.6919631Z",
    endTime: "2019-08-20T22:15:37.95762Z",
    trackingId: "6bad3015-0444-4ccd-a971-cbb0c99a7000",
    clientTrackingId: "08586352676400000000000000000",
    code: "OK",
    status: "Succeeded",
  },
];

const BASE: StaticContextInput = {
  now: "2018-04-15T13:00:00Z",
  parameters: {
    fullName: "Sophia Owen",
    firstName: "Sophia",
    lastName: "Owen",
    customerName: "Sophia Owen",
    myAge: 42,
    items: ITEMS_XML,
    itemsExpired: ITEMS_EXPIRED,
    itemsOneExpired: ITEMS_ONE_EXPIRED,
  },
  variables: { numItems: 20, myCounter: 5 },
  trigger: { name: "When_a_feed_item_is_published", outputs: { headers: {}, body: "feedUrl=https%3A%2F%2Ffeeds.a.dj.com%2Frss%2FRSSMarketsMain.xml" } },
  actions: {
    Get_user: { status: "Succeeded", outputs: GET_USER_OUTPUTS },
    Send_an_email: {
      outputs: { body: { "$content-type": "application/x-www-form-urlencoded", $formdata: [{ key: "Subject", value: "Hello world" }] } },
    },
    Http: { outputs: { statusCode: 200, body: FILE_XML } },
    Upload: {
      outputs: {
        body: {
          "$content-type": "multipart/form-data; boundary=b",
          $multipart: [
            { headers: { "Content-Disposition": 'form-data; name="first"' }, body: "part one" },
            { headers: { "Content-Disposition": 'form-data; name="second"' }, body: { a: 1 } },
          ],
        },
      },
    },
  },
  results: { For_each: FOR_EACH_RESULTS },
  items: { myForEachLoopName: { id: 7, name: "seven" } },
  item: { body: "Hello from the current message" },
  iterationIndexes: { Until_Max_Increment: 3 },
  guids: ["c2ecc88d-88c8-4096-912c-d6f2e2b138ce"],
};

/** One table row: an expression, the expected value, and context overrides. */
interface Row {
  e: string;
  v: unknown;
  ctx?: StaticContextInput;
  /** How to compare: equal (default), close (floats), match (regex on a string). */
  how?: "equal" | "close" | "match";
}
const row = (e: string, v: unknown, extra: Partial<Row> = {}): Row => ({ e, v, ...extra });
const at = (now: string): Partial<Row> => ({ ctx: { now } });

const xmlContent = (text: string) => ({ "$content-type": "application/xml;charset=utf-8", $content: Buffer.from(text).toString("base64") });

const string: Row[] = [
  // concat
  row("@concat('Hello', 'World')", "HelloWorld"),
  row("@concat('Sophia', 'Owen')", "SophiaOwen"),
  row("@concat(parameters('firstName'), parameters('lastName'))", "SophiaOwen"),
  row("@concat('data:;base64,', 'aGVsbG8=')", "data:;base64,aGVsbG8="),
  row("@concat('a', 'b', 'c', 'd')", "abcd"),
  // endsWith / startsWith: not case-sensitive
  row("@endsWith('hello world', 'world')", true),
  row("@endsWith('hello world', 'universe')", false),
  row("@endsWith('hello world', 'WORLD')", true),
  row("@startsWith('hello world', 'hello')", true),
  row("@startsWith('hello world', 'greetings')", false),
  row("@startsWith('Hello World', 'hello')", true),
  // indexOf / lastIndexOf / nthIndexOf
  row("@indexOf('hello world', 'world')", 6),
  row("@indexOf('hello world', 'WORLD')", 6),
  row("@indexOf('hello world', 'universe')", -1),
  row("@lastIndexOf('hello world hello world', 'world')", 18),
  row("@lastIndexOf('hello world hello world', '')", 22),
  row("@lastIndexOf('', 'world')", -1),
  row("@lastIndexOf('', '')", 0),
  row("@lastIndexOf('hello world hello world', 'WORLD')", 18),
  row("@nthIndexOf('123456789123465789', '1', 1)", 0),
  row("@nthIndexOf('123456789123465789', '1', 2)", 9),
  row("@nthIndexOf('123456789123465789', '12', 2)", 9),
  row("@nthIndexOf('123456789123465789', '6', 4)", -1),
  row("@nthIndexOf('123456789123465789', '1', -1)", 9),
  // replace: case-sensitive
  row("@replace('the old string', 'old', 'new')", "the new string"),
  row("@replace('the old string', 'older', 'new')", "the old string"),
  row("@replace('Old old OLD', 'old', 'new')", "Old new OLD"),
  // slice
  row("@slice('Hello World', 2)", "llo World"),
  row("@slice('Hello World', 30)", ""),
  row("@slice('Hello World', 10, 2)", ""),
  row("@slice('Hello World', 0)", "Hello World"),
  row("@slice('Hello World', 2, 5)", "llo"),
  row("@slice('Hello World', 6, 20)", "World"),
  row("@slice('Hello World', -2)", "ld"),
  row("@slice('Hello World', 3, -1)", "lo Worl"),
  row("@slice('Hello World', 3, 3)", ""),
  // split
  row("@split('a_b_c', '_')", ["a", "b", "c"]),
  row("@split('a_b_c', ' ')", ["a_b_c"]),
  row("@split('a,,b', ',')", ["a", "", "b"]),
  // substring
  row("@substring('hello world', 6, 5)", "world"),
  row("@substring('hello world', 6)", "world"),
  row("@substring('hello world', 0, 5)", "hello"),
  row("@substring('hello world', 11)", ""),
  // toLower / toUpper / trim
  row("@toLower('Hello World')", "hello world"),
  row("@toLower('Hello')", "hello"),
  row("@toUpper('Hello World')", "HELLO WORLD"),
  row("@trim(' Hello World  ')", "Hello World"),
  // guid
  row("@guid()", "c2ecc88d-88c8-4096-912c-d6f2e2b138ce"),
  row("@guid('P')", "(c2ecc88d-88c8-4096-912c-d6f2e2b138ce)"),
  row("@guid('N')", "c2ecc88d88c84096912cd6f2e2b138ce"),
  row("@guid('D')", "c2ecc88d-88c8-4096-912c-d6f2e2b138ce"),
  row("@guid('B')", "{c2ecc88d-88c8-4096-912c-d6f2e2b138ce}"),
  row("@guid('X')", "{0xc2ecc88d,0x88c8,0x4096,{0x91,0x2c,0xd6,0xf2,0xe2,0xb1,0x38,0xce}}"),
  // formatNumber (the reference's four examples)
  row("@formatNumber(1234567890, '0,0.00', 'en-us')", "1,234,567,890.00"),
  row("@formatNumber(1234567890, '0,0.00', 'is-is')", "1.234.567.890,00"),
  row("@formatNumber(17.35, 'C2')", "$17.35"),
  // The reference prints "17,35 kr" (ICU's is-IS symbol is "kr."; the simulator follows the reference).
  row("@formatNumber(17.35, 'C2', 'is-is')", "17,35 kr"),
  row("@formatNumber(-17.35, 'C2', 'is-IS')", "-17,35 kr"), // semantics: the same symbol for negative amounts
  // isInt / isFloat
  row("@isInt('10')", true),
  row("@isInt('10.5')", false),
  row("@isInt('ten')", false),
  row("@isFloat('10,000.00')", true),
  row("@isFloat('10.000,00', 'de-DE')", true),
  row("@isFloat('abc')", false),
  // chunk
  row("@chunk('abcdefghijklmnopqrstuvwxyz', 10)", ["abcdefghij", "klmnopqrst", "uvwxyz"]),
  row("@chunk(createArray(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), 5)", [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12]]),
  // length
  row("@length('abcd')", 4),
  row("@length(createArray(0, 1, 2, 3))", 4),
  row("@length('')", 0),
];

const collection: Row[] = [
  row("@contains('hello world', 'world')", true),
  row("@contains('hello world', 'universe')", false),
  row("@contains('hello world', 'WORLD')", false), // semantics: case-sensitive
  row("@contains(createArray('a', 'b', 'c'), 'b')", true),
  row("@contains(createArray('a', 'b', 'c'), 'd')", false),
  row("@contains(createArray(1, 2, 3), 2)", true),
  row("@contains(json('{\"name\": \"Sophia\"}'), 'name')", true),
  row("@contains(json('{\"name\": \"Sophia\"}'), 'age')", false),
  row("@empty('')", true),
  row("@empty('abc')", false),
  row("@empty(createArray(1))", false),
  row("@empty(json('[]'))", true),
  row("@empty(json('{}'))", true),
  row("@empty(json('{\"a\": 1}'))", false),
  row("@first('hello')", "h"),
  row("@first(createArray(0, 1, 2))", 0),
  row("@first(json('[]'))", null),
  row("@intersection(createArray(1, 2, 3), createArray(101, 2, 1, 10), createArray(6, 8, 1, 2))", [1, 2]),
  row("@intersection(json('{\"a\": 1, \"b\": 2}'), json('{\"a\": 1, \"c\": 3}'))", { a: 1 }),
  row("@join(createArray('a', 'b', 'c'), '.')", "a.b.c"),
  row("@join(createArray(1, 2, 3), ', ')", "1, 2, 3"),
  row("@last('abcd')", "d"),
  row("@last(createArray(0, 1, 2, 3))", 3),
  row("@reverse(createArray(0, 1, 2, 3))", [3, 2, 1, 0]),
  row("@skip(createArray(0, 1, 2, 3), 1)", [1, 2, 3]),
  row("@skip(createArray(0, 1, 2, 3), 10)", []),
  row("@sort(createArray(2, 1, 0, 3))", [0, 1, 2, 3]),
  row("@sort(createArray(json('{ \"first\": \"Amalie\", \"last\": \"Rose\" }'), json('{ \"first\": \"Elise\", \"last\": \"Renee\" }')), 'last')", [
    { first: "Elise", last: "Renee" },
    { first: "Amalie", last: "Rose" },
  ]),
  row("@sort(createArray('b', 'c', 'a'))", ["a", "b", "c"]),
  row("@reverse(sort(createArray(2, 1, 0, 3)))", [3, 2, 1, 0]),
  row("@take('abcde', 3)", "abc"),
  row("@take(createArray(0, 1, 2, 3, 4), 3)", [0, 1, 2]),
  row("@take(createArray(0, 1), 5)", [0, 1]),
  row("@union(createArray(1, 2, 3), createArray(1, 2, 10, 101))", [1, 2, 3, 10, 101]),
  row("@union(json('{\"a\": 1, \"b\": 2}'), json('{\"b\": 3, \"c\": 4}'))", { a: 1, b: 3, c: 4 }),
];

const logical: Row[] = [
  row("@and(true, true)", true),
  row("@and(false, true)", false),
  row("@and(false, false)", false),
  row("@and(equals(1, 1), equals(2, 2))", true),
  row("@and(equals(1, 1), equals(1, 2))", false),
  row("@and(equals(1, 2), equals(1, 3))", false),
  row("@equals(true, 1)", true),
  row("@equals('abc', 'abcd')", false),
  row("@equals('abc', 'abc')", true),
  row("@equals(1, 1.0)", true),
  row("@equals(null, '')", true), // semantics: null compares as ""
  row("@equals(json('{\"a\": [1, 2]}'), json('{\"a\": [1, 2]}'))", true),
  row("@greater(10, 5)", true),
  row("@greater('apple', 'banana')", false),
  row("@greater(5, 10)", false),
  row("@greater(2.5, 2)", true),
  row("@greaterOrEquals(5, 5)", true),
  row("@greaterOrEquals('apple', 'banana')", false),
  row("@if(equals(1, 1), 'yes', 'no')", "yes"),
  row("@if(equals(1, 2), 'yes', 'no')", "no"),
  row("@less(5, 10)", true),
  row("@less('banana', 'apple')", false),
  row("@less(null, 'a')", true), // semantics: null compares as ""
  row("@lessOrEquals(10, 10)", true),
  row("@lessOrEquals('apply', 'apple')", false),
  row("@not(false)", true),
  row("@not(true)", false),
  row("@not(equals(1, 2))", true),
  row("@not(equals(1, 1))", false),
  row("@or(true, false)", true),
  row("@or(false, false)", false),
  row("@or(equals(1, 1), equals(1, 2))", true),
  row("@or(equals(1, 2), equals(1, 3))", false),
];

const conversion: Row[] = [
  row("@array('hello')", ["hello"]),
  row("@base64('hello')", "aGVsbG8="),
  row("@base64ToString('aGVsbG8=')", "hello"),
  row("@decodeBase64('aGVsbG8=')", "hello"),
  row("@base64ToBinary('aGVsbG8=')", { "$content-type": "application/octet-stream", $content: "aGVsbG8=" }),
  row("@binary('hello')", { "$content-type": "application/octet-stream", $content: "aGVsbG8=" }),
  row("@base64(base64ToBinary('aGVsbG8='))", "aGVsbG8="),
  row("@bool(1)", true),
  row("@bool(0)", false),
  row("@bool(-1)", true),
  row("@bool('true')", true),
  row("@bool('false')", false),
  row("@createArray('h', 'e', 'l', 'l', 'o')", ["h", "e", "l", "l", "o"]),
  row("@createArray(1, 'a', true, null)", [1, "a", true, null]),
  row("@dataUri('hello')", "data:text/plain;charset=utf-8;base64,aGVsbG8="),
  // The reference prints the bits of the data URI string itself; the function returns the decoded content.
  row("@dataUriToBinary('data:text/plain;charset=utf-8;base64,aGVsbG8=')", { "$content-type": "text/plain;charset=utf-8", $content: "aGVsbG8=" }),
  row("@decodeDataUri('data:text/plain;charset=utf-8;base64,aGVsbG8=')", { "$content-type": "text/plain;charset=utf-8", $content: "aGVsbG8=" }),
  row("@dataUriToString('data:text/plain;charset=utf-8;base64,aGVsbG8=')", "hello"),
  row("@dataUriToString('data:,hello%20world')", "hello world"),
  row("@string(decimal('1.2345678912312131'))", "1.2345678912312131"),
  row("@decimal('1.2345678912312131')", 1.234567891231213, { how: "close" }),
  row("@add(decimal('1.2345678912312131'), decimal('1.2345678912312131'))", 2.469135782462426, { how: "close" }),
  row("@string(add(decimal('1.2345678912312131'), decimal('1.2345678912312131')))", "2.4691357824624262"),
  row("@decodeUriComponent('https%3A%2F%2Fcontoso.com')", "https://contoso.com"),
  row("@encodeUriComponent('https://contoso.com')", "https%3A%2F%2Fcontoso.com"),
  // Designer-written connector paths pass several arguments; they are concatenated (Azure/logicapps gallery).
  row("@encodeURIComponent('workflows/', 'my app', '/runs')", "workflows%2Fmy%20app%2Fruns"),
  row("@encodeURIComponent('a b&c')", "a%20b%26c"),
  row("@float('10.333')", 10.333),
  row("@float('10,000.333')", 10000.333),
  row("@float('10.000,333', 'de-DE')", 10000.333),
  row("@int('10')", 10),
  row("@int('-10')", -10),
  row("@json('[1, 2, 3]')", [1, 2, 3]),
  row("@json('{\"fullName\": \"Sophia Owen\"}')", { fullName: "Sophia Owen" }),
  row(
    "@json(xml('<?xml version=\"1.0\"?> <root> <person id=\"1\"> <name>Sophia Owen</name> <occupation>Engineer</occupation> </person> </root>'))",
    { "?xml": { "@version": "1.0" }, root: { person: { "@id": "1", name: "Sophia Owen", occupation: "Engineer" } } },
  ),
  row(
    "@json(xml('<?xml version=\"1.0\"?> <root> <person id=\"1\"> <name>Sophia Owen</name> <occupation>Engineer</occupation> </person> <person id=\"2\"> <name>John Doe</name> <occupation>Engineer</occupation> </person> </root>'))",
    {
      "?xml": { "@version": "1.0" },
      root: {
        person: [
          { "@id": "1", name: "Sophia Owen", occupation: "Engineer" },
          { "@id": "2", name: "John Doe", occupation: "Engineer" },
        ],
      },
    },
  ),
  row("@json(null)", {}),
  row("@json('true')", true),
  row("@string(10)", "10"),
  row("@string(json('{\"name\": \"Sophie Owen\"}'))", '{"name":"Sophie Owen"}'),
  row("@string(null)", ""),
  row("@string(true)", "True"),
  row("@string(2.5)", "2.5"),
  // The 2021 reference prints "http%3A%2F%2Fcontoso.com" for this https URI (a typo; the 2023 one has https).
  row("@uriComponent('https://contoso.com')", "https%3A%2F%2Fcontoso.com"),
  row("@uriComponentToBinary('https%3A%2F%2Fcontoso.com')", { "$content-type": "application/octet-stream", $content: Buffer.from("https://contoso.com").toString("base64") }),
  row("@uriComponentToString('https%3A%2F%2Fcontoso.com')", "https://contoso.com"),
  row("@string(xml('<name>Sophia Owen</name>'))", "<name>Sophia Owen</name>"),
  row("@xml('<name>Sophia Owen</name>')", xmlContent("<name>Sophia Owen</name>")),
  row("@string(xml(json('{ \"name\": \"Sophia Owen\" }')))", "<name>Sophia Owen</name>"),
  row("@string(xml(json('{\"person\": {\"name\": \"Sophia Owen\", \"city\": \"Seattle\"}}')))", "<person><name>Sophia Owen</name><city>Seattle</city></person>"),
];

const math: Row[] = [
  row("@add(1, 1.5)", 2.5),
  row("@add(1, 2)", 3),
  row("@div(10, 5)", 2),
  row("@div(11, 5)", 2),
  row("@div(11, 5.0)", 2.2),
  row("@div(11.0, 5)", 2.2),
  row("@div(7, 2)", 3),
  row("@div(7, 2.0)", 3.5),
  row("@div(-7, 2)", -3),
  row("@max(1, 2, 3)", 3),
  row("@max(createArray(1, 2, 3))", 3),
  row("@max(1, 2.5)", 2.5),
  row("@min(1, 2, 3)", 1),
  row("@min(createArray(1, 2, 3))", 1),
  row("@mod(3, 2)", 1),
  row("@mod(-5, 2)", -1),
  row("@mod(4, -3)", 1),
  row("@mod(5.5, 2)", 1.5),
  row("@mul(1, 2)", 2),
  row("@mul(1.5, 2)", 3),
  row("@range(1, 4)", [1, 2, 3, 4]),
  row("@range(0, 0)", []),
  // The reference's own spelling: a number may start with its decimal point.
  row("@sub(10.3, .3)", 10),
  row("@add(-.5, 1)", 0.5), // semantics: a sign before the point
  row("@sub(10, 3)", 7),
];

const datetime: Row[] = [
  row("@addDays('2018-03-15T00:00:00Z', 10)", "2018-03-25T00:00:00.0000000Z"),
  row("@addDays('2018-03-15T00:00:00Z', -5)", "2018-03-10T00:00:00.0000000Z"),
  row("@addDays('2018-03-15T00:00:00Z', 10, 'yyyy-MM-dd')", "2018-03-25"),
  row("@addHours('2018-03-15T00:00:00Z', 10)", "2018-03-15T10:00:00.0000000Z"),
  row("@addHours('2018-03-15T15:00:00Z', -5)", "2018-03-15T10:00:00.0000000Z"),
  row("@addMinutes('2018-03-15T00:10:00Z', 10)", "2018-03-15T00:20:00.0000000Z"),
  row("@addMinutes('2018-03-15T00:20:00Z', -5)", "2018-03-15T00:15:00.0000000Z"),
  row("@addSeconds('2018-03-15T00:00:00Z', 10)", "2018-03-15T00:00:10.0000000Z"),
  row("@addSeconds('2018-03-15T00:00:30Z', -5)", "2018-03-15T00:00:25.0000000Z"),
  row("@addToTime('2018-01-01T00:00:00Z', 1, 'Day')", "2018-01-02T00:00:00.0000000Z"),
  row("@addToTime('2018-01-01T00:00:00Z', 1, 'Day', 'D')", "Tuesday, January 2, 2018"),
  row("@addToTime('2018-01-31T00:00:00Z', 1, 'Month')", "2018-02-28T00:00:00.0000000Z"),
  row("@addToTime('2016-02-29T00:00:00Z', 1, 'Year')", "2017-02-28T00:00:00.0000000Z"),
  row("@addToTime('2018-01-01T00:00:00Z', 2, 'Week')", "2018-01-15T00:00:00.0000000Z"),
  row("@addToTime('2018-01-01T00:00:00Z', 90, 'Second')", "2018-01-01T00:01:30.0000000Z"),
  row("@addToTime('2018-01-01T00:00:00Z', 90, 'Minute')", "2018-01-01T01:30:00.0000000Z"),
  row("@addToTime('2018-01-01T00:00:00Z', 25, 'Hour')", "2018-01-02T01:00:00.0000000Z"),
  row("@convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time')", "2018-01-01T00:00:00.0000000"),
  row("@convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time', 'D')", "Monday, January 1, 2018"),
  row("@convertTimeZone('2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time')", "2018-01-01T00:00:00.0000000"),
  // The reference's second example has the typo 'T80:00:00'; with 08:00 it returns its printed value.
  row("@convertTimeZone('2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time', 'D')", "Monday, January 1, 2018"),
  row("@convertToUtc('01/01/2018 00:00:00', 'Pacific Standard Time')", "2018-01-01T08:00:00.0000000Z"),
  row("@convertToUtc('01/01/2018 00:00:00', 'Pacific Standard Time', 'D')", "Monday, January 1, 2018"),
  row("@dateDifference('2015-02-08', '2018-07-30')", "1268.00:00:00"),
  row("@dateDifference('2018-07-30', '2015-02-08')", "-1268.00:00:00"),
  row("@dateDifference('2018-01-01T00:00:00Z', '2018-01-01T01:30:15Z')", "01:30:15"),
  row("@dayOfMonth('2018-03-15T13:27:36Z')", 15),
  row("@dayOfWeek('2018-03-15T13:27:36Z')", 4),
  row("@dayOfWeek('2018-03-18T00:00:00Z')", 0),
  row("@dayOfYear('2018-03-15T13:27:36Z')", 74),
  row("@dayOfYear('2016-12-31T00:00:00Z')", 366),
  row("@formatDateTime('03/15/2018')", "2018-03-15T00:00:00.0000000"),
  row("@formatDateTime('03/15/2018 12:00:00', 'yyyy-MM-ddTHH:mm:ss')", "2018-03-15T12:00:00"),
  row("@formatDateTime('01/31/2016', 'dddd MMMM d')", "Sunday January 31"),
  row("@formatDateTime('01/31/2016', 'dddd MMMM d', 'fr-fr')", "dimanche janvier 31"),
  row("@formatDateTime('01/31/2016', 'dddd MMMM d', 'fr-FR')", "dimanche janvier 31"),
  row("@formatDateTime('01/31/2016', 'dddd MMMM d', 'es-es')", "domingo enero 31"),
  row("@getFutureTime(5, 'Day')", "2018-03-06T00:00:00.0000000Z", at("2018-03-01T00:00:00Z")),
  row("@getFutureTime(5, 'Day', 'D')", "Tuesday, March 6, 2018", at("2018-03-01T00:00:00Z")),
  row("@getPastTime(5, 'Day')", "2018-01-27T00:00:00.0000000Z", at("2018-02-01T00:00:00Z")),
  row("@getPastTime(5, 'Day', 'D')", "Saturday, January 27, 2018", at("2018-02-01T00:00:00Z")),
  row("@parseDateTime('20/10/2014', 'fr-fr')", "2014-10-20T00:00:00.0000000"),
  row("@parseDateTime('20 octobre 2010', 'fr-FR')", "2010-10-20T00:00:00.0000000"),
  row("@parseDateTime('martes 20 octubre 2020', 'es-es')", "2020-10-20T00:00:00.0000000"),
  row("@parseDateTime('21052019', 'fr-fr', 'ddMMyyyy')", "2019-05-21T00:00:00.0000000"),
  row("@parseDateTime('10/20/2014 15h', 'en-US', 'MM/dd/yyyy HH\\h')", "2014-10-20T15:00:00.0000000"),
  row("@startOfDay('2018-03-15T13:30:30Z')", "2018-03-15T00:00:00.0000000Z"),
  row("@startOfHour('2018-03-15T13:30:30Z')", "2018-03-15T13:00:00.0000000Z"),
  row("@startOfMonth('2018-03-15T13:30:30Z')", "2018-03-01T00:00:00.0000000Z"),
  row("@startOfMonth('2018-03-15T13:30:30Z', 'yyyy-MM-dd')", "2018-03-01"),
  row("@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day')", "2018-01-01T00:00:00.0000000Z"),
  // The reference prints "Monday, January, 1, 2018" (a stray comma); 'D' is "dddd, MMMM d, yyyy".
  row("@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day', 'D')", "Monday, January 1, 2018"),
  row("@subtractFromTime('2018-03-31T00:00:00Z', 1, 'Month')", "2018-02-28T00:00:00.0000000Z"),
  row("@ticks('2018-03-15T13:00:00Z')", 636567156000000000),
  row("@ticks('0001-01-01T00:00:00Z')", 0),
  row("@utcNow()", "2018-04-15T13:00:00.0000000Z"),
  // "o" is yyyy-MM-ddTHH:mm:ss.fffffffK: a clock with seven fraction digits keeps all seven.
  row("@utcNow()", "2018-04-15T13:00:00.1234567Z", at("2018-04-15T13:00:00.1234567Z")),
  row("@utcNow('fffffff')", "1234567", at("2018-04-15T13:00:00.1234567Z")),
  row("@utcNow('D')", "Sunday, April 15, 2018"),
  row("@utcNow('yyyy-MM-dd')", "2018-04-15"),
];

const workflow: Row[] = [
  row("@actionBody('Get_user')", GET_USER_BODY),
  row("@actionOutputs('Get_user')", GET_USER_OUTPUTS),
  row("@actions('Get_user').outputs.body.FullName", "Contoso Corporation"),
  row("@actions('Get_user').status", "Succeeded"),
  row("@body('Get_user')", GET_USER_BODY),
  row("@body('Get_user')?['UserName']", "ContosoInc"),
  row("@outputs('Get_user')", GET_USER_OUTPUTS),
  row("@outputs('Get_user')['statusCode']", 200),
  row("@formDataMultiValues('Send_an_email', 'Subject')", ["Hello world"]),
  row("@formDataValue('Send_an_email', 'Subject')", "Hello world"),
  row("@item().body", "Hello from the current message"),
  row("@items('myForEachLoopName')", { id: 7, name: "seven" }),
  row("@iterationIndexes('Until_Max_Increment')", 3),
  row("@listCallbackUrl()", /^https:\/\/.+\/triggers\/manual\/run\?api-version=2016-10-01/, { how: "match" }),
  row("@multipartBody('Upload', 0)", "part one"),
  row("@multipartBody('Upload', 1)", { a: 1 }),
  row("@parameters('fullName')", "Sophia Owen"),
  row("@parameters('myAge')", 42),
  row("@{parameters('myAge')}", "42"),
  row("@result('For_each')[0].name", "HTTP"),
  row("@result('For_each')[0]['code']", "OK"),
  row("@length(result('For_each'))", 1),
  row("@trigger().name", "When_a_feed_item_is_published"),
  row("@triggerBody()", "feedUrl=https%3A%2F%2Ffeeds.a.dj.com%2Frss%2FRSSMarketsMain.xml"),
  row("@triggerFormDataMultiValues('feedUrl')", ["https://feeds.a.dj.com/rss/RSSMarketsMain.xml"]),
  row("@triggerFormDataValue('feedUrl')", "https://feeds.a.dj.com/rss/RSSMarketsMain.xml"),
  row("@triggerOutputs()['headers']", {}),
  row("@triggerMultipartBody(0)", "part one", {
    ctx: { trigger: { outputs: { body: { $multipart: [{ headers: {}, body: "part one" }] } } } },
  }),
  row("@variables('numItems')", 20),
  row("@workflow().run.name", "08585000000000000000000000000CU00"),
  row("@workflow()['name']", "playbook"),
];

const uri: Row[] = [
  row("@uriHost('https://www.localhost.com:8080')", "www.localhost.com"),
  row("@uriPath('https://www.contoso.com/catalog/shownew.htm?date=today')", "/catalog/shownew.htm"),
  row("@uriPath('https://www.contoso.com')", "/"),
  row("@uriPathAndQuery('https://www.contoso.com/catalog/shownew.htm?date=today')", "/catalog/shownew.htm?date=today"),
  row("@uriPort('https://www.localhost:8080')", 8080),
  row("@uriPort('https://www.contoso.com')", 443),
  row("@uriPort('http://www.contoso.com')", 80),
  row("@uriQuery('https://www.contoso.com/catalog/shownew.htm?date=today')", "?date=today"),
  row("@uriQuery('https://www.contoso.com/catalog')", ""),
  // The reference prints "http" for this https URI; the scheme is https.
  row("@uriScheme('https://www.contoso.com/catalog/shownew.htm?date=today')", "https"),
  row("@uriScheme('http://www.contoso.com')", "http"),
];

const manipulation: Row[] = [
  row("@addProperty(json('{ \"firstName\": \"Sophia\", \"lastName\": \"Owen\" }'), 'middleName', 'Anne')", {
    firstName: "Sophia",
    lastName: "Owen",
    middleName: "Anne",
  }),
  row(
    "@setProperty(json('{ \"customerName\": { \"firstName\": \"Sophia\", \"surName\": \"Owen\" } }'), 'customerName', addProperty(json('{ \"customerName\": { \"firstName\": \"Sophia\", \"surName\": \"Owen\" } }')['customerName'], 'middleName', 'Anne'))",
    { customerName: { firstName: "Sophia", surName: "Owen", middleName: "Anne" } },
  ),
  row("@coalesce(null, true, false)", true),
  row("@coalesce(null, 'hello', 'world')", "hello"),
  row("@coalesce(null, null, null)", null),
  row("@coalesce('', 'x')", ""), // semantics: empty strings are not null
  row("@coalesce(json('[]'), 'x')", []),
  row("@removeProperty(json('{ \"firstName\": \"Sophia\", \"middleName\": \"Anne\", \"surName\": \"Owen\" }'), 'middleName')", {
    firstName: "Sophia",
    surName: "Owen",
  }),
  row("@removeProperty(json('{ \"customerName\": { \"firstName\": \"Sophia\", \"middleName\": \"Anne\", \"surName\": \"Owen\" } }')['customerName'], 'middleName')", {
    firstName: "Sophia",
    surName: "Owen",
  }),
  row("@removeProperty(json('{ \"firstName\": \"Sophia\" }'), 'missing')", { firstName: "Sophia" }),
  row("@setProperty(json('{ \"firstName\": \"Sophia\", \"surName\": \"Owen\" }'), 'surName', 'Hartnett')", { firstName: "Sophia", surName: "Hartnett" }),
  row(
    "@setProperty(json('{ \"customerName\": { \"firstName\": \"Sophia\", \"surName\": \"Owen\" } }'), 'customerName', setProperty(json('{ \"customerName\": { \"firstName\": \"Sophia\", \"surName\": \"Owen\" } }')['customerName'], 'surName', 'Hartnett'))",
    { customerName: { firstName: "Sophia", surName: "Hartnett" } },
  ),
  row("@setProperty(json('{}'), 'added', 1)", { added: 1 }),
  // xpath: node-sets come back as arrays; element nodes as XML content, attribute and text nodes as strings.
  row("@xpath(xml(parameters('items')), '/produce/item/name')", [xmlContent("<name>Gala</name>"), xmlContent("<name>Honeycrisp</name>")]),
  // 2023 reference, example 1, as written: the text nodes, [ Gala, Honeycrisp ].
  row("@xpath(xml(parameters('items')), '/produce/item/name/text()')", ["Gala", "Honeycrisp"]),
  // Examples 2 and 3 print one name ("Gala", "Honeycrisp"); in XPath 1.0 (the .NET library the reference names)
  // name[1] and name[last()] apply per item, and each item has one name: both names. (…)[last()] is the last one.
  row("@xpath(xml(parameters('items')), '/produce/item/name[1]')", [xmlContent("<name>Gala</name>"), xmlContent("<name>Honeycrisp</name>")]),
  row("@xpath(xml(parameters('items')), '/produce/item/name[last()]')", [xmlContent("<name>Gala</name>"), xmlContent("<name>Honeycrisp</name>")]),
  row("@xpath(xml(parameters('items')), '(/produce/item/name)[last()]')", [xmlContent("<name>Honeycrisp</name>")]),
  // Examples 4 and 6 as written select elements; the reference prints their text ([ Gala, Honeycrisp ], Honeycrisp).
  row("@xpath(xml(parameters('itemsExpired')), '//name[@expired]')", [
    xmlContent("<name expired=\"true\" price=\"12\">Gala</name>"),
    xmlContent("<name expired=\"false\" price=\"40\">Honeycrisp</name>"),
  ]),
  row("@xpath(xml(parameters('itemsExpired')), '//name[@price>35]')", [xmlContent("<name expired=\"false\" price=\"40\">Honeycrisp</name>")]),
  row("@xpath(xml(parameters('itemsExpired')), '//name[@expired]/text()')", ["Gala", "Honeycrisp"]),
  row("@xpath(xml(parameters('itemsOneExpired')), '//name[@expired = ''true'']/text()')", ["Gala"]),
  // The reference's '//name[price>35]' compares a child element; the attribute is '@price'.
  row("@xpath(xml(parameters('itemsExpired')), '//name[@price>35]/text()')", ["Honeycrisp"]),
  row("@xpath(xml(parameters('items')), 'sum(/produce/item/count)')", 30),
  row("@xpath(xml(body('Http')), '/*[name()=\"file\"]/*[name()=\"location\"]')", [xmlContent('<location xmlns="https://contoso.com">Paris</location>')]),
  row(
    "@xpath(xml(body('Http')), '/*[local-name()=\"file\" and namespace-uri()=\"https://contoso.com\"]/*[local-name()=\"location\"]')",
    [xmlContent('<location xmlns="https://contoso.com">Paris</location>')],
  ),
  row("@xpath(xml(body('Http')), 'string(/*[name()=\"file\"]/*[name()=\"location\"])')", "Paris"),
  row("@xpath(parameters('items'), 'count(//item)')", 2),
  row("@xpath(xml(parameters('items')), '/produce/item[1]/name/@missing')", []),
];

/** Standard and custom .NET format strings, as formatDateTime documents them (en-US, 2009-06-15T13:45:30.6175425Z). */
const T = "'2009-06-15T13:45:30.6175425Z'";
const formats: Row[] = [
  row(`@formatDateTime(${T}, 'd')`, "6/15/2009"),
  row(`@formatDateTime(${T}, 'D')`, "Monday, June 15, 2009"),
  row(`@formatDateTime(${T}, 'f')`, "Monday, June 15, 2009 1:45 PM"),
  row(`@formatDateTime(${T}, 'F')`, "Monday, June 15, 2009 1:45:30 PM"),
  row(`@formatDateTime(${T}, 'g')`, "6/15/2009 1:45 PM"),
  row(`@formatDateTime(${T}, 'G')`, "6/15/2009 1:45:30 PM"),
  row(`@formatDateTime(${T}, 'M')`, "June 15"),
  row(`@formatDateTime(${T}, 'm')`, "June 15"),
  row(`@formatDateTime(${T}, 'o')`, "2009-06-15T13:45:30.6175425Z"),
  row(`@formatDateTime(${T}, 'O')`, "2009-06-15T13:45:30.6175425Z"),
  row(`@formatDateTime(${T}, 'R')`, "Mon, 15 Jun 2009 13:45:30 GMT"),
  row(`@formatDateTime(${T}, 'r')`, "Mon, 15 Jun 2009 13:45:30 GMT"),
  row(`@formatDateTime(${T}, 's')`, "2009-06-15T13:45:30"),
  row(`@formatDateTime(${T}, 't')`, "1:45 PM"),
  row(`@formatDateTime(${T}, 'T')`, "1:45:30 PM"),
  row(`@formatDateTime(${T}, 'u')`, "2009-06-15 13:45:30Z"),
  row(`@formatDateTime(${T}, 'U')`, "Monday, June 15, 2009 1:45:30 PM"),
  row(`@formatDateTime(${T}, 'Y')`, "June 2009"),
  row(`@formatDateTime(${T}, 'y')`, "June 2009"),
  row(`@formatDateTime(${T}, '%d')`, "15"),
  row(`@formatDateTime(${T}, 'dd')`, "15"),
  row(`@formatDateTime(${T}, 'ddd')`, "Mon"),
  row(`@formatDateTime(${T}, 'dddd')`, "Monday"),
  row(`@formatDateTime(${T}, '%f')`, "6"),
  row(`@formatDateTime(${T}, 'ff')`, "61"),
  row(`@formatDateTime(${T}, 'fff')`, "617"),
  row(`@formatDateTime(${T}, 'ffff')`, "6175"),
  row(`@formatDateTime(${T}, 'fffff')`, "61754"),
  row(`@formatDateTime(${T}, 'ffffff')`, "617542"),
  row(`@formatDateTime(${T}, 'fffffff')`, "6175425"),
  row(`@formatDateTime(${T}, '%F')`, "6"),
  row(`@formatDateTime('2009-06-15T13:45:30.5000000Z', 'FF')`, "5"),
  row(`@formatDateTime('2009-06-15T13:45:30Z', 'HH:mm:ss.FFF')`, "13:45:30"),
  row(`@formatDateTime(${T}, '%h')`, "1"),
  row(`@formatDateTime(${T}, 'hh')`, "01"),
  row(`@formatDateTime(${T}, '%H')`, "13"),
  row(`@formatDateTime(${T}, 'HH')`, "13"),
  row(`@formatDateTime(${T}, '%K')`, "Z"),
  row(`@formatDateTime('2009-06-15T13:45:30', 'yyyy-MM-ddK')`, "2009-06-15"),
  row(`@formatDateTime(${T}, '%m')`, "45"),
  row(`@formatDateTime(${T}, 'mm')`, "45"),
  row(`@formatDateTime(${T}, '%M')`, "6"),
  row(`@formatDateTime(${T}, 'MM')`, "06"),
  row(`@formatDateTime(${T}, 'MMM')`, "Jun"),
  row(`@formatDateTime(${T}, 'MMMM')`, "June"),
  row(`@formatDateTime(${T}, '%s')`, "30"),
  row(`@formatDateTime(${T}, 'ss')`, "30"),
  row(`@formatDateTime(${T}, '%t')`, "P"),
  row(`@formatDateTime(${T}, 'tt')`, "PM"),
  row(`@formatDateTime(${T}, '%y')`, "9"),
  row(`@formatDateTime(${T}, 'yy')`, "09"),
  row(`@formatDateTime(${T}, 'yyy')`, "2009"),
  row(`@formatDateTime(${T}, 'yyyy')`, "2009"),
  row(`@formatDateTime(${T}, 'yyyyy')`, "02009"),
  row(`@formatDateTime(${T}, 'yyyy-MM-dd HH:mm:ss.fffK')`, "2009-06-15 13:45:30.617Z"),
  row(`@formatDateTime(${T}, 'MM/dd/yyyy')`, "06/15/2009"),
  row(`@formatDateTime(${T}, '''Day'' d ''of'' MMMM')`, "Day 15 of June"),
  row(`@formatDateTime(${T}, 'h \\h m \\m')`, "1 h 45 m"),
  row(`@formatDateTime(${T}, 'hh:mm tt')`, "01:45 PM"),
  row(`@formatDateTime('2009-06-15T00:05:00Z', 'h:mm tt')`, "12:05 AM"),
  row(`@formatDateTime(${T}, 'dddd, dd MMMM yyyy', 'de-DE')`, "Montag, 15 Juni 2009"),
  row(`@formatDateTime(${T}, 'D', 'de-DE')`, "Montag, 15. Juni 2009"),
  row(`@formatDateTime(${T}, 'd', 'fr-FR')`, "15/06/2009"),
  row(`@formatDateTime(${T}, 'd', 'de-DE')`, "15.06.2009"),
  row(`@formatDateTime(${T}, 'd', 'en-GB')`, "15/06/2009"),
  row(`@formatDateTime(${T}, 't', 'fr-FR')`, "13:45"),
  row("@formatDateTime('Mon, 15 Jun 2009 13:45:30 GMT')", "2009-06-15T13:45:30.0000000Z"),
  row("@formatDateTime('2009-06-15T15:45:30+02:00')", "2009-06-15T13:45:30.0000000Z"),
  row("@formatDateTime('6/15/2009 1:45 PM')", "2009-06-15T13:45:00.0000000"),
  row("@formatDateTime('June 15, 2009')", "2009-06-15T00:00:00.0000000"),
  row("@formatDateTime('Monday, June 15, 2009 1:45:30 PM', 's')", "2009-06-15T13:45:30"),
];

/** .NET standard and custom numeric format strings, as formatNumber documents them (en-US). */
const numbers: Row[] = [
  row("@formatNumber(12345.6789, 'C')", "$12,345.68"),
  row("@formatNumber(12345.6789, 'C3')", "$12,345.679"),
  row("@formatNumber(1234, 'D')", "1234"),
  row("@formatNumber(-1234, 'D6')", "-001234"),
  row("@formatNumber(1052.0329112756, 'E')", "1.052033E+003"),
  row("@formatNumber(1052.0329112756, 'e2')", "1.05e+003"),
  row("@formatNumber(1234.567, 'F')", "1234.57"),
  row("@formatNumber(1234, 'F1')", "1234.0"),
  row("@formatNumber(-1234.56, 'F4')", "-1234.5600"),
  row("@formatNumber(-123.456, 'G')", "-123.456"),
  row("@formatNumber(123.4546, 'G4')", "123.5"),
  row("@formatNumber(-1.23456789E-25, 'G')", "-1.23456789E-25"),
  row("@formatNumber(1234.567, 'N')", "1,234.57"),
  row("@formatNumber(1234, 'N1')", "1,234.0"),
  row("@formatNumber(-1234.56, 'N3')", "-1,234.560"),
  row("@formatNumber(123.456, 'R')", "123.456"),
  row("@formatNumber(255, 'X')", "FF"),
  row("@formatNumber(255, 'x4')", "00ff"),
  row("@formatNumber(123, '00000')", "00123"),
  row("@formatNumber(1.2, '0.00')", "1.20"),
  row("@formatNumber(0.086, '#0.##%')", "8.6%"),
  row("@formatNumber(1234567890, '#,#')", "1,234,567,890"),
  row("@formatNumber(1234567890, '#,##0,,')", "1,235"),
  row("@formatNumber(86000, '0.###E+0')", "8.6E+4"),
  row("@formatNumber(1234567890, '(###) ###-####')", "(123) 456-7890"),
  row("@formatNumber(123456, '[##-##-##]')", "[12-34-56]"),
  row("@formatNumber(1.5, '#.##')", "1.5"),
  row("@formatNumber(0.086, '0.0')", "0.1"),
  row("@formatNumber(1234, '##;(##)')", "1234"),
  row("@formatNumber(-1234, '##;(##)')", "(1234)"),
  row("@formatNumber(0, '##;(##);**Zero**')", "**Zero**"),
  row("@formatNumber(1234.5678, '#,##0.00')", "1,234.57"),
  row("@formatNumber(42, '\\#0')", "#42"),
  row("@formatNumber(42, '0 ''units''')", "42 units"),
  row("@formatNumber(1234567.891, 'N2', 'de-DE')", "1.234.567,89"),
  row("@formatNumber(1234567.891, 'F2', 'fr-FR')", "1234567,89"),
];

const TABLE: Record<string, Row[]> = { string, collection, logical, conversion, math, datetime, workflow, uri, manipulation, formats, numbers };

function check(r: Row): void {
  const ctx = createStaticContext({ ...BASE, ...(r.ctx ?? {}) });
  const value = evaluateString(r.e, ctx);
  if (r.how === "close") expect(value as number).toBeCloseTo(r.v as number, 9);
  else if (r.how === "match") expect(value).toMatch(r.v as RegExp);
  else expect(value).toEqual(r.v);
}

describe("function reference table", () => {
  it("has at least 300 cases", () => {
    expect(Object.values(TABLE).flat().length).toBeGreaterThanOrEqual(300);
  });
  for (const [category, rows] of Object.entries(TABLE)) {
    describe(category, () => {
      it.each(rows.map((r) => [r.e, r] as const))("%s", (_e, r) => check(r));
    });
  }
  it("rand(1, 5) returns 1, 2, 3 or 4", () => {
    const ctx = createStaticContext({ seed: 7 });
    const seen = new Set<unknown>();
    for (let i = 0; i < 200; i++) seen.add(evaluateString("@rand(1, 5)", ctx));
    expect([...seen].sort()).toEqual([1, 2, 3, 4]);
  });
});

/**
 * Examples the reference prints that no implementation can reproduce, each checked to show why. The binary-returning
 * functions' printed "results" are the bits of the *input* text (UTF-8, sometimes quoted), not of what the function
 * returns: decoding each printed bit string gives the argument back. The functions return binary content (the
 * service's `{"$content-type", "$content"}` envelope), and its bytes are the decoded value.
 */
describe("reference examples that are illustrations", () => {
  const text = (bits: string) => Buffer.from(bits.replace(/\s+/g, "").match(/.{8}/g)!.map((b) => parseInt(b, 2))).toString("utf8");
  const bytes = (value: unknown) => Buffer.from((value as { $content: string }).$content, "base64").toString("utf8");
  const printed: { e: string; bits: string; input: string; content: string }[] = [
    // 2021 revision
    { e: "@base64ToBinary('aGVsbG8=')", bits: "0110000101000111010101100111001101100010010001110011100000111101", input: "aGVsbG8=", content: "hello" },
    // 2021 and 2023 revisions (identical bits for both functions)
    ...["dataUriToBinary", "decodeDataUri"].map((fn) => ({
      e: `@${fn}('data:text/plain;charset=utf-8;base64,aGVsbG8=')`,
      bits:
        "01100100011000010111010001100001001110100111010001100101011110000111010000101111011100000" +
        "1101100011000010110100101101110001110110110001101101000011000010111001001110011011001010111" +
        "0100001111010111010101110100011001100010110100111000001110110110001001100001011100110110010" +
        "10011011000110100001011000110000101000111010101100111001101100010010001110011100000111101",
      input: "data:text/plain;charset=utf-8;base64,aGVsbG8=",
      content: "hello",
    })),
    // 2023 revision: the bits of the older example's argument, "http%3A%2F%2Fcontoso.com", in quotes.
    {
      e: "@uriComponentToBinary('https%3A%2F%2Fcontoso.com')",
      bits:
        "001000100110100001110100011101000111000000100101001100" +
        "11010000010010010100110010010001100010010100110010010001" +
        "10011000110110111101101110011101000110111101110011011011" +
        "110010111001100011011011110110110100100010",
      input: '"http%3A%2F%2Fcontoso.com"',
      content: "https://contoso.com",
    },
  ];
  it.each(printed.map((p) => [p.e, p] as const))("%s: the printed bits spell the argument; the result holds the decoded bytes", (_e, p) => {
    expect(text(p.bits)).toBe(p.input);
    const value = evaluateString(p.e, createStaticContext(BASE));
    expect(value).toMatchObject({ "$content-type": expect.any(String) });
    expect(bytes(value)).toBe(p.content);
  });

  it("string( { \"name\": \"Sophie Owen\" } ): the language has no object literal; through json() the result is compact JSON", () => {
    expect(() => evaluateString('@string( { "name": "Sophie Owen" } )', createStaticContext(BASE))).toThrow(/found '\{'/);
    expect(evaluateString("@string(json('{ \"name\": \"Sophie Owen\" }'))", createStaticContext(BASE))).toBe('{"name":"Sophie Owen"}');
  });

  it("convertTimeZone('2018-01-01T80:00:00.0000000Z', …): hour 80 is not a time; the row above uses 08", () => {
    expect(() => evaluateString("@convertTimeZone('2018-01-01T80:00:00.0000000Z', 'UTC', 'Pacific Standard Time', 'D')", createStaticContext(BASE))).toThrow(/not valid/);
  });
});
