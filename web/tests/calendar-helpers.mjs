// Finding places on the event calendar's grid: a practitioner's column and a time's row.

/** The centre x of a practitioner's column in the day view, and the y of a wall-clock time. */
export async function slotPoint(page, practitionerName, time) {
  return page.evaluate(
    ({ practitionerName, time }) => {
      const heads = [...document.querySelectorAll('[data-testid=calendar] .ec-col-head')];
      const index = heads.findIndex((h) => h.textContent.includes(practitionerName));
      if (index < 0) throw new Error('no column for ' + practitionerName);
      const head = heads[index].getBoundingClientRect();
      // The grid starts at the first label's time; each 15-minute slot is --ec-slot-height tall.
      const [h, m] = time.split(':').map(Number);
      const first = document.querySelector('[data-testid=calendar] .ec-body .ec-sidebar time').getAttribute('datetime');
      const [fh, fm] = first.slice(11, 16).split(':').map(Number);
      const main = document.querySelector('[data-testid=calendar] .ec-main');
      const slotHeight = parseFloat(getComputedStyle(main).getPropertyValue('--ec-slot-height'));
      const grid = document.querySelector('[data-testid=calendar] .ec-body .ec-grid').getBoundingClientRect();
      const minutes = h * 60 + m - (fh * 60 + fm);
      return { x: head.left + head.width / 2, y: grid.top + (minutes / 15) * slotHeight + slotHeight / 2 };
    },
    { practitionerName, time },
  );
}

/** The calendar event of an appointment (by the patient's name), with its time text. */
export function eventOf(page, patientName) {
  return page.locator('[data-testid=calendar] .ec-event.appt', { hasText: patientName });
}

export async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, from.y + 8, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

/** An event's box once it is on screen (the calendar redraws its events after each load). */
export async function boxOf(locator) {
  for (let i = 0; i < 50; i++) {
    await locator.waitFor();
    const box = await locator.boundingBox().catch(() => null);
    if (box) return box;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the event never settled on screen');
}
