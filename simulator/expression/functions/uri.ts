/** URI parsing functions, on the WHATWG URL parser (which, like .NET's Uri, lower-cases the host). */
import { invalidArgument } from "../errors";
import { str, type FunctionTable, type Site } from "./types";

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443, "ftp:": 21, "ws:": 80, "wss:": 443 };

function parse(site: Site, args: unknown[]): URL {
  const text = str(site, args, 0);
  try {
    return new URL(text);
  } catch {
    throw invalidArgument(site.name, `was invoked with a parameter that is not valid. The value '${text}' is not an absolute URI.`);
  }
}

export const uriFunctions: FunctionTable = {
  uriHost: { eager: (a, _c, s) => parse(s, a).hostname },
  uriPath: { eager: (a, _c, s) => parse(s, a).pathname || "/" },
  uriPathAndQuery: {
    eager: (a, _c, s) => {
      const url = parse(s, a);
      return (url.pathname || "/") + url.search;
    },
  },
  uriPort: {
    eager: (a, _c, s) => {
      const url = parse(s, a);
      return url.port ? Number(url.port) : (DEFAULT_PORTS[url.protocol] ?? -1);
    },
  },
  uriQuery: { eager: (a, _c, s) => parse(s, a).search },
  uriScheme: { eager: (a, _c, s) => parse(s, a).protocol.replace(/:$/, "") },
};
