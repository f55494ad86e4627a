/// Levenshtein distance, for "did you mean" hints.
enum EditDistance {
    /// Returns the candidate closest to `word`, or nil when none is within the maximum distance:
    /// 1 edit for words of up to four scalars, 2 for longer ones. Ties go to the candidate that
    /// sorts first, so the hint is the same on every run.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let wordScalars = Array(word.unicodeScalars)
        let maximumDistance = wordScalars.count <= 4 ? 1 : 2

        var best: (distance: Int, candidate: String)?
        for candidate in candidates {
            let candidateScalars = Array(candidate.unicodeScalars)
            // The distance is at least the difference in length, so long words skip the table.
            guard abs(candidateScalars.count - wordScalars.count) <= maximumDistance else {
                continue
            }
            let distance = levenshtein(wordScalars, candidateScalars)
            guard distance <= maximumDistance else {
                continue
            }
            if let current = best,
               (current.distance, current.candidate) <= (distance, candidate) {
                continue
            }
            best = (distance, candidate)
        }
        return best?.candidate
    }

    static func levenshtein(_ first: [Unicode.Scalar], _ second: [Unicode.Scalar]) -> Int {
        guard !first.isEmpty else {
            return second.count
        }
        guard !second.isEmpty else {
            return first.count
        }

        // One row of the dynamic-programming table at a time.
        var previous = Array(0...second.count)
        var current = [Int](repeating: 0, count: second.count + 1)
        for (i, firstScalar) in first.enumerated() {
            current[0] = i + 1
            for (j, secondScalar) in second.enumerated() {
                let substitution = previous[j] + (firstScalar == secondScalar ? 0 : 1)
                current[j + 1] = min(substitution, previous[j + 1] + 1, current[j] + 1)
            }
            swap(&previous, &current)
        }
        return previous[second.count]
    }
}
