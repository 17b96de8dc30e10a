// engine/util/dates.ts: dayNumber works out YYYY-MM-DD dates by arithmetic; it must agree with
// Date.parse (which it stands in for) on every date, on days past a month's end, and on text that
// is not such a date.
import { addDays, dayNumber, daysBetween } from "../../engine/util/dates";

const byDateParse = (iso: string) => Math.floor(Date.parse(iso + "T00:00:00Z") / 86_400_000);
const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));
const pad = (n: number, width: number) => String(n).padStart(width, "0");

test("agrees with Date.parse on every day, month 00-13 and day 00-32, of years 0000-9999 (some)", () => {
  const wrong: string[] = [];
  for (let y = 0; y <= 9999; y += y < 1890 ? 37 : y < 2110 ? 1 : 53) {
    for (let m = 0; m <= 13; m++) {
      for (let d = 0; d <= 32; d++) {
        const iso = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
        if (!same(dayNumber(iso), byDateParse(iso))) wrong.push(iso);
      }
    }
  }
  expect(wrong).toEqual([]);
});

test("text that is not YYYY-MM-DD is left to Date.parse", () => {
  const odd = ["", "2020-1-01", "2020-01-1", " 2020-01-01", "2020/01/01", "2020-01-01x", "+002020-01-01", "abc", "2020-0a-01", "2020-01-01T00:00:00Z", "１９９９-01-01"];
  for (const s of odd) expect([s, dayNumber(s)]).toEqual([s, byDateParse(s)]);
});

test("days between dates, and dates days on, across leap years", () => {
  expect(dayNumber("1970-01-01")).toBe(0);
  expect(daysBetween("2019-02-28", "2020-03-01")).toBe(367);
  expect(daysBetween("2020-03-01", "2019-02-28")).toBe(-367);
  expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
  expect(addDays("1900-02-28", 1)).toBe("1900-03-01");
});
