import { Fragment } from "react";

const URL_PATTERN = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;

/**
 * Plain text with line breaks kept and http(s) links made clickable. Rendered
 * through React, so every character of user text is escaped.
 */
/** `sameTab`: links open here (the demo mailbox's own links), not in a new tab as links in user text do. */
export function LinkifiedText({ text, sameTab = false }: { text: string; sameTab?: boolean }) {
  const parts = text.split(URL_PATTERN);
  return (
    <div className="whitespace-pre-line break-words">
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} rel="nofollow ugc noopener noreferrer" target={sameTab ? undefined : "_blank"} className="text-brand-700 underline">
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </div>
  );
}
