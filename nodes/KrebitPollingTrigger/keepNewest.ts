/**
 * Bounds what a cursor remembers: when there are more than `max` entries, keeps the `max` with
 * the highest positions, newest first, and raises the floor above the first one dropped.
 * Positions are whole numbers (milliseconds or ids), so everything at that position goes too:
 * nothing at or above the new floor is forgotten. Within `max`, entries keep their order.
 */
export function keepNewest<T>(entries: T[], floor: number | null, max: number, positionOf: (entry: T) => number): { floor: number | null; kept: T[] } {
	if (entries.length <= max) return { floor, kept: entries };
	const sorted = [...entries].sort((a, b) => positionOf(b) - positionOf(a));
	const raised = Math.max(floor ?? -Infinity, positionOf(sorted[max]) + 1);
	return { floor: raised, kept: sorted.filter((entry) => positionOf(entry) >= raised) };
}
