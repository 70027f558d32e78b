/** Registers every executor (import for its side effect). */
import "./calls";
import "./control";
import "./data";
import "./variables";
