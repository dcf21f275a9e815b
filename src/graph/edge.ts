/** A directed link between two objects: `from` is the parent, `to` the child, in queries. */
export interface Edge {
  readonly from: string;
  readonly to: string;
  /** What the link means: `owner`, `infrastructure`, `node`, `pod`, `health-check`, `event`, `ref`, or a team's own. */
  readonly relation: string;
  /** The field, label or key that made it, e.g. `spec.infrastructureRef` or `spec.providerID`. */
  readonly via: string;
}

/** A reference whose target is not in the fleet (not captured, deleted, or misspelled). */
export interface UnresolvedRef {
  readonly from: string;
  readonly relation: string;
  readonly via: string;
  readonly target: string;
}
