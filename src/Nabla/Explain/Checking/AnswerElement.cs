namespace Nabla.Explain.Checking;

/// <summary>
/// One written value placed in Nabla's layout: Row and Col count from 0 in the row-major,
/// examples-as-rows, weights-n_in×n_out matrix of the trace. Label is how the learner named
/// it (in the line's notation, from 1). Transposed is where the value would sit if the
/// learner had written the transposed matrix (null where that reading does not exist).
/// </summary>
public sealed record AnswerElement(int Row, int Col, WrittenNumber Number, string Label, (int Row, int Col)? Transposed);
