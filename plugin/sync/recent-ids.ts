/** The IDs of the last `max` messages this instance has shown (sent or received), so none is shown twice. */
export class RecentIDs {
  private readonly ids = new Set<string>();

  constructor(private readonly max = 1000) {}

  add(id: string): void {
    this.ids.delete(id);
    this.ids.add(id);
    if (this.ids.size > this.max) this.ids.delete(this.ids.values().next().value as string);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  clear(): void {
    this.ids.clear();
  }
}
