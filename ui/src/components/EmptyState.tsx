// A centered placeholder for a panel with nothing to show: a title and one line saying what to do.
export interface EmptyStateProps {
  title: string;
  hint: string;
}

export default function EmptyState(props: EmptyStateProps) {
  return (
    <section class="empty-state" aria-label={props.title}>
      <h2>{props.title}</h2>
      <p>{props.hint}</p>
    </section>
  );
}
