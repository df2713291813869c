"""Regression: /dev/mem through a legacy ->mmap caller (compat_vma_mmap): the same -ENOMEM comes back
raw, without the override and without an unmap; the caller cleans up

Written by `verify replay examples/compat-raw-error.json --emit-test`: replays the
scenario through the model and checks that the outcome is still the one seen
when it was written.
"""
from verify.scenario import expected_of, from_doc, run

SCENARIO = {'format': 'mmap-action-scenario/1',
 'description': '/dev/mem through a legacy ->mmap caller (compat_vma_mmap): the same -ENOMEM '
                'comes back raw, without the override and without an unmap; the caller cleans '
                'up',
 'design': 'override',
 'word_size': 64,
 'inputs': {'mmu': True,
            'compat': True,
            'prepare_err': 0,
            'type': 1,
            'override': -11,
            'hide': False,
            'action_prepare_err': 0,
            'merged': False,
            'complete_err': -12,
            'mapped_err': 0,
            'vm_start': 65536,
            'vm_end': 131072}}

EXPECTED = {'returned': -12,
 'vma_created': True,
 'vma_mapped': True,
 'unmapped': False,
 'lock_held_at_unmap': False,
 'rmap_held_at_end': False,
 'unlock_unheld': False,
 'unmap_detached': False,
 'leaked': False,
 'uninit_call': False,
 'unmapped_len_pages': 0,
 'warnings': []}


def test_compat_raw_error():
    assert expected_of(run(from_doc(SCENARIO)).trace) == EXPECTED
