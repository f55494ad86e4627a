/// Returns the candidate closest to `word` by edit distance when it is close enough to be a
/// likely typo: 1 edit for words of up to four scalars, 2 for longer ones. Case counts, as
/// in TeX commands. Ties go to the earliest candidate, so callers list likelier ones first.
public func closestMatch(to word: String, among candidates: [String]) -> String? {
    let length = word.unicodeScalars.count
    let limit = length <= 4 ? 1 : 2
    var best: (distance: Int, candidate: String)?
    for candidate in candidates {
        // The distance is at least the difference in length, so far-off candidates skip the table.
        guard abs(candidate.unicodeScalars.count - length) <= limit else { continue }
        let distance = editDistance(word, candidate)
        guard distance <= limit else { continue }
        if let current = best, current.distance <= distance { continue }
        best = (distance, candidate)
    }
    return best?.candidate
}

/// Returns the optimal string alignment distance between two strings, over Unicode scalars:
/// the Levenshtein distance with a swap of two neighbours (`bulid` for `build`) counted as
/// one edit.
public func editDistance(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs.unicodeScalars)
    let b = Array(rhs.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var beforePrevious = Array(repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = Array(repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                current[j] = min(current[j], beforePrevious[j - 2] + 1)
            }
        }
        (beforePrevious, previous, current) = (previous, current, beforePrevious)
    }
    return previous[b.count]
}
