import type { Element } from 'domhandler';
import { WEEKDAY_RE } from '../profiles/date-grammars.js';
import { findDate, fromIsoText } from '../profiles/dates.js';
import type { PortalProfile } from '../profiles/profile.js';
import type { PageQuery } from './dom.js';

/**
 * Reads a portal date such as `11/08/2023 02:46:47 PM` or `16:23 03/12/2024` by the profile's grammars, in the
 * profile's zone, and returns ISO 8601 with the zone's offset (`2023-08-11T14:46:47+07:00`), or null when there is
 * no valid date in the text. Never depends on the clock or the machine's zone.
 */
export function parsePublished(text: string, profile: PortalProfile): string | null {
  return findDate(text, profile.date.grammars, profile.date.timeZone)?.iso ?? null;
}

/** A day, with its time when printed, from a date line; null without one. */
export function readDate(text: string, profile: PortalProfile): { iso: string; timed: boolean } | null {
  return findDate(text, profile.date.grammars, profile.date.timeZone);
}

/**
 * A line that is nothing but a date (`24/09/2021`, `16:23 03/12/2024`, `Thứ hai - 21/08/2023 08:30`,
 * `( 22/09/2022 15:15 )`): the date, and whether a weekday stands before it. Lines with other words (`Thursday,
 * 18/07/2024`, `Thứ 3, Ngày 16/07/2024 -`, `Hải Phòng, ngày ...`) are not bare dates.
 */
export function bareDate(text: string, profile: PortalProfile): { iso: string; timed: boolean; weekday: boolean } | null {
  // A view counter may share the line (`09/11/2019 | lượt xem: 3`).
  const line = text.replace(COUNTER, ' ');
  if (line.length > 60) return null;
  const match = findDate(line, profile.date.grammars, profile.date.timeZone);
  if (!match) return null;
  let rest = line.slice(0, match.index);
  const weekday = WEEKDAY_RE.test(rest);
  // `Ngày 17/05/2024`: the word for "day" before the date is part of it.
  rest = rest.replace(WEEKDAY_RE, '').replace(/^\s*ngày\s*$/iu, '') + line.slice(match.index + match.length);
  if (!/^[\s()[\]|,.:\-–]*(?:\(?GMT\s*\+\s*0?7(?::00)?\)?[\s\])]*)?$/i.test(rest)) return null;
  return { iso: match.iso, timed: match.timed, weekday };
}

const COUNTER = /(?:^|[|,\-–]|\s)\s*(?:Lượt xem|Số lượt xem|Lượt đọc|Đã xem)\s*:?\s*[\d.,]+\s*/giu;

/** The publication time the page states for machines (`article:published_time`, `datePublished`, `<time datetime>`). */
export function metaPublished($: PageQuery, profile: PortalProfile, near?: { title: Element; order: Map<Element, number> }): string | null {
  for (const name of profile.date.meta) {
    // A page's <time> elements also date the sidebar's and the listing's items: the article's is the first after
    // its title.
    const after = (el: Element) => !near || (near.order.get(el) ?? 0) > (near.order.get(near.title) ?? 0);
    const values =
      name === 'time'
        ? $('time[datetime]').toArray().filter(after).slice(0, 1).map((el) => el.attribs['datetime'])
        : $(`meta[property="${name}"], meta[name="${name}"], meta[itemprop="${name}"], [itemprop="${name}"][content], [itemprop="${name}"][datetime]`)
            .toArray()
            .map((el) => el.attribs['content'] ?? el.attribs['datetime']);
    for (const value of values) {
      const iso = value ? fromIsoText(value, profile.date.timeZone) : null;
      if (iso) return iso;
    }
    if (name !== 'time') {
      const ld = jsonLdDate($, name, profile.date.timeZone);
      if (ld) return ld;
    }
  }
  return null;
}

function jsonLdDate($: PageQuery, name: string, timeZone: string): string | null {
  for (const el of $('script[type="application/ld+json"]').toArray()) {
    const text = $(el).text();
    const m = new RegExp(`"${name}"\\s*:\\s*"([^"]+)"`).exec(text);
    const iso = m ? fromIsoText(m[1]!, timeZone) : null;
    if (iso) return iso;
  }
  return null;
}
