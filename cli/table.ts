/** Plain-text tables for CLI output (the report's layout). */
export { formatTable } from "../report/text";
