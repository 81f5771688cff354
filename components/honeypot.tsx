/**
 * A field people never see or reach with the keyboard; bots fill it. Forms
 * that include it treat a filled value as spam and quietly drop the request.
 */
export function Honeypot({ id }: { id: string }) {
  return (
    <div aria-hidden="true" className="absolute -left-[9999px]">
      <label htmlFor={id}>Website</label>
      <input id={id} name="website" type="text" tabIndex={-1} autoComplete="off" />
    </div>
  );
}
