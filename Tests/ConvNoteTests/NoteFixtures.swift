/// The worked example with numbers (3x3 input, 2x2 kernel, same-start padding) with
/// correct expectations for y, dL/dw and dL/dx.
let numbersSpec = """
    ```conv numbers
    x = [1 2 3
         4 5 6
         7 8 9]
    w = [1 2
         3 4]
    padding = same-start
    expect y = [4 11 18; 18 37 47; 36 67 77]
    expect dL/dw = [12 21; 27 45]
    expect dL/dx = [10 10 6; 10 10 6; 7 7 4]
    ```
    """

/// The same convolution with symbols: x from symbols(x) and w = [a b; c d], with correct
/// expectations.
let seedSpec = """
    ```conv seed
    x : 3x3 = symbols(x)
    w = [a b; c d]
    padding = same-start
    expect y[1,1] = (d*x_11)
    expect dL/dx[1,1] = (a + b + c + d)
    expect dL/dx[1,3] = (b + d)
    expect dL/dx[3,3] = d
    ```
    """
