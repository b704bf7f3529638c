/** A check's title starts with its ID: `04.2 waiting for a held lock is bounded ...`. */
const CHECK_TITLE = /^(\d\d\.\d+)\s/;

/** The check ID a test's title starts with, if it has one. */
export const checkIdOf = (title: string): string | undefined => CHECK_TITLE.exec(title)?.[1];
