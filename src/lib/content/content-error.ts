/** One problem in content/, located precisely enough to fix it: file, 1-based line, what is wrong. */
export interface ContentProblem {
  file: string;
  line: number;
  message: string;
}

export function formatProblem(problem: ContentProblem): string {
  return `${problem.file}:${problem.line}: ${problem.message}`;
}

/** Thrown when content/ does not validate. Carries every problem found, not only the first. */
export class ContentValidationError extends Error {
  readonly problems: ContentProblem[];

  constructor(problems: ContentProblem[]) {
    const sorted = [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
    super(
      `${sorted.length} problem${sorted.length === 1 ? "" : "s"} in content:\n` +
        sorted.map((p) => "  " + formatProblem(p)).join("\n"),
    );
    this.name = "ContentValidationError";
    this.problems = sorted;
  }
}

/** Collects problems while a pass goes on, so one run reports them all. */
export class ProblemList {
  readonly problems: ContentProblem[] = [];

  add(file: string, line: number, message: string): void {
    this.problems.push({ file, line, message });
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new ContentValidationError(this.problems);
  }
}
