"""Typical wrong answers to #04's checked exercises."""

import keras
import tensorflow as tf

from exercises import lesson_04 as lesson

# save_checkpoint(model, optimizer, directory)


def save_without_the_optimizer(model, optimizer, directory):
    manager = tf.train.CheckpointManager(tf.train.Checkpoint(model=model), directory, max_to_keep=1)
    return manager.save()


def save_under_other_names(model, optimizer, directory):
    checkpoint = tf.train.Checkpoint(net=model, opt=optimizer)
    return tf.train.CheckpointManager(checkpoint, directory, max_to_keep=1).save()


def save_beside_the_folder(model, optimizer, directory):
    return tf.train.Checkpoint(model=model, optimizer=optimizer).save(directory)


def save_returning_nothing(model, optimizer, directory):
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
    tf.train.CheckpointManager(checkpoint, directory, max_to_keep=1).save()


def save_returning_the_folder(model, optimizer, directory):
    checkpoint = tf.train.Checkpoint(model=model, optimizer=optimizer)
    tf.train.CheckpointManager(checkpoint, directory, max_to_keep=1).save()
    return str(directory)


# restore_checkpoint(model, optimizer, path)


def restore_under_other_names(model, optimizer, path):
    status = tf.train.Checkpoint(net=model, opt=optimizer).restore(path)
    status.assert_consumed()
    return status


def restore_under_other_names_unchecked(model, optimizer, path):
    return tf.train.Checkpoint(net=model, opt=optimizer).restore(path)


def restore_the_model_only(model, optimizer, path):
    return tf.train.Checkpoint(model=model).restore(path)


def restore_the_newest_checkpoint(model, optimizer, path):
    newest = tf.train.latest_checkpoint(path.rsplit("/", 1)[0])
    status = tf.train.Checkpoint(model=model, optimizer=optimizer).restore(newest)
    status.assert_consumed()
    return status


def restore_without_assert_consumed(model, optimizer, path):
    return tf.train.Checkpoint(model=model, optimizer=optimizer).restore(path)


def restore_returning_nothing(model, optimizer, path):
    tf.train.Checkpoint(model=model, optimizer=optimizer).restore(path).assert_consumed()


# save_if_best(manager, accuracy, best_accuracy, iteration)


def save_at_every_measurement(manager, accuracy, best_accuracy, iteration):
    manager.save(checkpoint_number=iteration)
    return max(accuracy, best_accuracy)


def save_on_ties(manager, accuracy, best_accuracy, iteration):
    if accuracy >= best_accuracy:
        manager.save(checkpoint_number=iteration)
        return accuracy
    return best_accuracy


def save_without_the_iteration(manager, accuracy, best_accuracy, iteration):
    if accuracy > best_accuracy:
        manager.save()
        return accuracy
    return best_accuracy


def save_keeping_the_old_best(manager, accuracy, best_accuracy, iteration):
    if accuracy > best_accuracy:
        manager.save(checkpoint_number=iteration)
    return best_accuracy


def save_returning_the_accuracy(manager, accuracy, best_accuracy, iteration):
    if accuracy > best_accuracy:
        manager.save(checkpoint_number=iteration)
    return accuracy


# stopping_point(progress, require_improvement)


def stop_with_ties(progress, require_improvement):
    best, last = 0.0, 0
    for iteration, _, validation_accuracy in progress:
        if validation_accuracy >= best:
            best, last = validation_accuracy, iteration
        if iteration - last >= require_improvement:
            return last, iteration
    return last, progress[-1][0]


def stop_a_measurement_late(progress, require_improvement):
    best, last = 0.0, 0
    for iteration, _, validation_accuracy in progress:
        if validation_accuracy > best:
            best, last = validation_accuracy, iteration
        if iteration - last > require_improvement:
            return last, iteration
    return last, progress[-1][0]


def stop_counting_measurements(progress, require_improvement):
    best, last, waited = 0.0, 0, 0
    for iteration, _, validation_accuracy in progress:
        waited += 1
        if validation_accuracy > best:
            best, last, waited = validation_accuracy, iteration, 0
        if waited >= require_improvement:
            return last, iteration
    return last, progress[-1][0]


def stop_on_the_training_accuracy(progress, require_improvement):
    best, last = 0.0, 0
    for iteration, training_batch_accuracy, _ in progress:
        if training_batch_accuracy > best:
            best, last = training_batch_accuracy, iteration
        if iteration - last >= require_improvement:
            return last, iteration
    return last, progress[-1][0]


def stop_with_the_best_of_all(progress, require_improvement):
    best = max(progress, key=lambda line: line[2])[0]
    return best, lesson.stopping_point(progress, require_improvement)[1]


def stop_at_positions(progress, require_improvement):
    best, last = 0.0, 0
    for index, (iteration, _, validation_accuracy) in enumerate(progress):
        if validation_accuracy > best:
            best, last = validation_accuracy, index
        if iteration - progress[last][0] >= require_improvement:
            return last, index
    return last, len(progress) - 1


def stop_one_measurement_early(progress, require_improvement):
    best, last = 0.0, 0
    for iteration, _, validation_accuracy in progress:
        if validation_accuracy > best:
            best, last = validation_accuracy, iteration
        if iteration + 100 - last >= require_improvement:
            return last, iteration
    return last, progress[-1][0]


# keras_callbacks(path)


def callbacks_without_restoring(path):
    return [
        keras.callbacks.ModelCheckpoint(path, monitor="val_accuracy", save_best_only=True),
        keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=2),
    ]


def callbacks_on_the_default_monitor(path):
    return [
        keras.callbacks.ModelCheckpoint(path, save_best_only=True),
        keras.callbacks.EarlyStopping(patience=2, restore_best_weights=True),
    ]


def callbacks_on_the_training_accuracy(path):
    return [
        keras.callbacks.ModelCheckpoint(path, monitor="accuracy", save_best_only=True),
        keras.callbacks.EarlyStopping(monitor="accuracy", patience=2, restore_best_weights=True),
    ]


def callbacks_saving_every_epoch(path):
    return [
        keras.callbacks.ModelCheckpoint(path, monitor="val_accuracy"),
        keras.callbacks.EarlyStopping(
            monitor="val_accuracy", patience=2, restore_best_weights=True
        ),
    ]


def callbacks_with_patience_1(path):
    return [
        keras.callbacks.ModelCheckpoint(path, monitor="val_accuracy", save_best_only=True),
        keras.callbacks.EarlyStopping(
            monitor="val_accuracy", patience=1, restore_best_weights=True
        ),
    ]


def callbacks_without_early_stopping(path):
    return [keras.callbacks.ModelCheckpoint(path, monitor="val_accuracy", save_best_only=True)]


def callbacks_without_a_checkpoint(path):
    return [
        keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=2, restore_best_weights=True)
    ]


def callbacks_checkpoint_on_val_loss(path):
    return [
        keras.callbacks.ModelCheckpoint(path, save_best_only=True),
        keras.callbacks.EarlyStopping(
            monitor="val_accuracy", patience=2, restore_best_weights=True
        ),
    ]


WRONG = {
    "save_checkpoint": [
        (save_without_the_optimizer, lesson.OPTIMIZER_NOT_SAVED),
        (save_under_other_names, lesson.OTHER_NAMES),
        (save_beside_the_folder, lesson.NOT_IN_THE_FOLDER),
        (save_returning_nothing, lesson.NO_PATH),
        (save_returning_the_folder, lesson.RETURNED_THE_FOLDER),
    ],
    "restore_checkpoint": [
        (restore_under_other_names, lesson.REFUSED_A_FITTING_CHECKPOINT),
        (restore_under_other_names_unchecked, lesson.NOTHING_RESTORED),
        (restore_the_model_only, lesson.OPTIMIZER_NOT_RESTORED),
        (restore_the_newest_checkpoint, lesson.OTHER_CHECKPOINT),
        (restore_without_assert_consumed, lesson.NO_ERROR_ON_A_MISMATCH),
        (restore_returning_nothing, lesson.NO_STATUS),
    ],
    "save_if_best": [
        (save_at_every_measurement, lesson.SAVED_WITHOUT_IMPROVEMENT),
        (save_on_ties, lesson.SAVED_ON_A_TIE),
        (save_without_the_iteration, lesson.NOT_NUMBERED_BY_ITERATION),
        (save_keeping_the_old_best, lesson.BEST_NOT_UPDATED),
        (save_returning_the_accuracy, lesson.BEST_LOWERED),
    ],
    "stopping_point": [
        (stop_with_ties, lesson.TIE_IS_NOT_AN_IMPROVEMENT),
        (stop_a_measurement_late, lesson.STOPS_A_MEASUREMENT_LATE),
        (stop_counting_measurements, lesson.PATIENCE_IN_MEASUREMENTS),
        (stop_on_the_training_accuracy, lesson.TRAINING_ACCURACY),
        (stop_with_the_best_of_all, lesson.BEST_AFTER_THE_STOP),
        (stop_at_positions, lesson.INDICES_NOT_ITERATIONS),
        (stop_one_measurement_early, lesson.STOPS_A_MEASUREMENT_EARLY),
    ],
    "keras_callbacks": [
        (callbacks_without_restoring, lesson.LAST_WEIGHTS_KEPT),
        (callbacks_on_the_default_monitor, lesson.STOPS_ON_VAL_LOSS),
        (callbacks_on_the_training_accuracy, lesson.STOPS_ON_TRAINING_ACCURACY),
        (callbacks_saving_every_epoch, lesson.FILE_HOLDS_THE_LAST),
        (callbacks_with_patience_1, lesson.STOPS_TOO_EARLY),
        (callbacks_without_early_stopping, lesson.NO_STOP),
        (callbacks_without_a_checkpoint, lesson.NO_FILE),
        (callbacks_checkpoint_on_val_loss, lesson.FILE_BY_VAL_LOSS),
    ],
}
