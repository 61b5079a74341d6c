"""Typical wrong answers to #02-B's checked exercises."""

import numpy as np
import tensorflow as tf

from exercises import lesson_02b as lesson

# grey_levels(photo)


def grey_levels_not_inverted(photo):
    return photo / 255


def grey_levels_not_scaled(photo):
    return 255 - photo.astype(np.float32)


def grey_levels_inverted_before_scaling(photo):
    return 1 - photo.astype(np.float32)


def grey_levels_by_integer_division(photo):
    return (255 - photo) // 255


def grey_levels_inverted_twice(photo):
    inverted = 1 - photo / 255
    return 1 - inverted


def grey_levels_stretched(photo):
    ink = 255 - photo.astype(np.float32)
    return ink / ink.max()


# crop_to_ink(drawing)


def _box(drawing, threshold=0.0):
    rows = np.flatnonzero(drawing.max(axis=1) > threshold)
    cols = np.flatnonzero(drawing.max(axis=0) > threshold)
    return rows, cols


def crop_without_the_last_row(drawing):
    rows, cols = _box(drawing)
    return drawing[rows[0] : rows[-1], cols[0] : cols[-1]]


def crop_at_half_grey(drawing):
    rows, cols = _box(drawing, threshold=0.5)
    return drawing[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def crop_with_rows_and_columns_swapped(drawing):
    rows, cols = _box(drawing)
    return drawing[cols[0] : cols[-1] + 1, rows[0] : rows[-1] + 1]


def crop_of_the_rows_only(drawing):
    rows, _ = _box(drawing)
    return drawing[rows[0] : rows[-1] + 1]


# fit_into_box(digit)


def _resize(digit, size, method="area"):
    return tf.image.resize(digit[:, :, np.newaxis], size, method=method)[:, :, 0].numpy()


def _sides(digit, rounding=round):
    height, width = digit.shape
    scale = 20 / max(height, width)
    return [max(1, rounding(height * scale)), max(1, rounding(width * scale))]


def fit_into_a_square(digit):
    return _resize(digit, [20, 20])


def fit_with_width_and_height_swapped(digit):
    height, width = _sides(digit)
    return _resize(digit, [width, height])


def fit_rounding_down(digit):
    return _resize(digit, _sides(digit, rounding=int))


def fit_by_the_shorter_side(digit):
    height, width = digit.shape
    scale = 20 / min(height, width)
    return _resize(digit, [round(height * scale), round(width * scale)])


def fit_by_nearest_neighbour(digit):
    return _resize(digit, _sides(digit), method="nearest")


def fit_by_bicubic(digit):
    return _resize(digit, _sides(digit), method="bicubic")


def fit_by_bilinear_sampling(digit):
    return _resize(digit, _sides(digit), method="bilinear")


# centre_of_mass(image)


def _sums(image):
    rows = (image.sum(axis=1) * np.arange(image.shape[0])).sum()
    cols = (image.sum(axis=0) * np.arange(image.shape[1])).sum()
    return rows, cols


def centre_as_column_and_row(image):
    rows, cols = _sums(image)
    return cols / image.sum(), rows / image.sum()


def centre_counted_from_one(image):
    rows = (image.sum(axis=1) * np.arange(1, image.shape[0] + 1)).sum()
    cols = (image.sum(axis=0) * np.arange(1, image.shape[1] + 1)).sum()
    return rows / image.sum(), cols / image.sum()


def centre_not_divided_by_the_mass(image):
    return _sums(image)


def centre_of_the_box(image):
    rows, cols = np.flatnonzero(image.max(axis=1)), np.flatnonzero(image.max(axis=0))
    return (rows[0] + rows[-1]) / 2, (cols[0] + cols[-1]) / 2


def centre_of_the_inked_pixels(image):
    return tuple(np.argwhere(image > 0).mean(axis=0))


# place_at_centre(small)


def _centre(small):
    rows, cols = _sums(small)
    return rows / small.sum(), cols / small.sum()


def place_by_the_middle_of_the_box(small):
    height, width = small.shape
    top, left = (28 - height) // 2, (28 - width) // 2
    image = np.zeros((28, 28), np.float32)
    image[top : top + height, left : left + width] = small
    return image


def place_with_rows_and_columns_swapped(small):
    height, width = small.shape
    row, column = _centre(small)
    top, left = round(14 - column), round(14 - row)
    image = np.zeros((28, 28), np.float32)
    image[top : top + height, left : left + width] = small
    return image


def place_in_black_and_white(small):
    height, width = small.shape
    row, column = _centre(small)
    top, left = round(14 - row), round(14 - column)
    image = np.zeros((28, 28), np.float32)
    image[top : top + height, left : left + width] = small > 0
    return image


def place_transposed(small):
    height, width = small.shape
    row, column = _centre(small)
    top, left = round(14 - column), round(14 - row)
    image = np.zeros((28, 28), np.float32)
    image[top : top + width, left : left + height] = small.T
    return image


def place_at_the_corner_of_the_centre(small):
    height, width = small.shape
    image = np.zeros((28, 28), np.float32)
    image[8 : 8 + height, 14 : 14 + width] = small
    return image


# probabilities(model, image)


def probabilities_as_the_class(model, image):
    return tf.argmax(model(image.reshape(1, 784)), axis=1)[0]


def probabilities_as_logits(model, image):
    return model(image.reshape(1, 784))[0].numpy()


def probabilities_without_a_batch(model, image):
    return tf.nn.softmax(model(image))[0].numpy()


def probabilities_of_the_batch(model, image):
    return tf.nn.softmax(model(image.reshape(1, 784))).numpy()


def probabilities_over_the_batch(model, image):
    return tf.nn.softmax(model(image.reshape(1, 784)), axis=0).numpy()


def probabilities_of_the_transposed_image(model, image):
    return tf.nn.softmax(model(image.T.reshape(1, 784)))[0].numpy()


WRONG = {
    "grey_levels": [
        (grey_levels_not_inverted, lesson.NOT_INVERTED),
        (grey_levels_not_scaled, lesson.NOT_SCALED),
        (grey_levels_inverted_before_scaling, lesson.NEGATIVE_LEVELS),
        (grey_levels_by_integer_division, lesson.ONLY_BLACK_AND_WHITE),
        (grey_levels_inverted_twice, lesson.NOT_INVERTED),
        (grey_levels_stretched, lesson.NOT_THE_GREY_LEVELS),
    ],
    "crop_to_ink": [
        (crop_without_the_last_row, lesson.LAST_ROW_CUT),
        (crop_at_half_grey, lesson.GREY_EDGES_CUT),
        (crop_with_rows_and_columns_swapped, lesson.CROP_SWAPPED),
        (crop_of_the_rows_only, lesson.NOT_THE_INK_BOX),
    ],
    "fit_into_box": [
        (fit_into_a_square, lesson.SQUARE),
        (fit_with_width_and_height_swapped, lesson.SIZE_SWAPPED),
        (fit_rounding_down, lesson.ROUNDED_DOWN),
        (fit_by_the_shorter_side, lesson.TOO_LARGE),
        (fit_by_nearest_neighbour, lesson.NO_GREY_EDGES),
        (fit_by_bicubic, lesson.OUT_OF_RANGE),
        (fit_by_bilinear_sampling, lesson.SAMPLED),
    ],
    "centre_of_mass": [
        (centre_as_column_and_row, lesson.CENTRE_SWAPPED),
        (centre_counted_from_one, lesson.COUNTED_FROM_ONE),
        (centre_not_divided_by_the_mass, lesson.OUTSIDE),
        (centre_of_the_box, lesson.BOX_MIDDLE),
        (centre_of_the_inked_pixels, lesson.UNWEIGHTED),
    ],
    "place_at_centre": [
        (place_by_the_middle_of_the_box, lesson.BOX_CENTRED),
        (place_with_rows_and_columns_swapped, lesson.PLACE_SWAPPED),
        (place_in_black_and_white, lesson.VALUES_CHANGED),
        (place_transposed, lesson.TRANSPOSED),
        (place_at_the_corner_of_the_centre, lesson.NOT_AT_CENTRE),
    ],
    "digit_probabilities": [
        (probabilities_as_the_class, lesson.ONE_CLASS),
        (probabilities_as_logits, lesson.NOT_PROBABILITIES),
        (probabilities_without_a_batch, lesson.NOT_A_BATCH),
        (probabilities_of_the_batch, lesson.BATCH_KEPT),
        (probabilities_over_the_batch, lesson.SOFTMAX_OVER_BATCH),
        (probabilities_of_the_transposed_image, lesson.OTHER_IMAGE),
    ],
}
