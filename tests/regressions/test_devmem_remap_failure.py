"""Regression: /dev/mem mmap on the normal path: remap_pfn_range_complete fails with -ENOMEM; the VMA
is unmapped and mmap returns the driver's error_override, -EAGAIN

Written by `verify replay examples/devmem-remap-failure.json --emit-test`: replays the
scenario through the model and checks that the outcome is still the one seen
when it was written.
"""
from verify.scenario import expected_of, from_doc, run

SCENARIO = {'format': 'mmap-action-scenario/1',
 'description': '/dev/mem mmap on the normal path: remap_pfn_range_complete fails with '
                "-ENOMEM; the VMA is unmapped and mmap returns the driver's error_override, "
                '-EAGAIN',
 'design': 'override',
 'word_size': 64,
 'inputs': {'mmu': True,
            'compat': False,
            'prepare_err': 0,
            'type': 1,
            'override': -11,
            'hide': False,
            'action_prepare_err': 0,
            'merged': False,
            'complete_err': -12,
            'mapped_err': 0,
            'vm_start': 139637976727552,
            'vm_end': 139637976743936}}

EXPECTED = {'returned': -11,
 'vma_created': True,
 'vma_mapped': False,
 'unmapped': True,
 'lock_held_at_unmap': False,
 'rmap_held_at_end': False,
 'unlock_unheld': False,
 'unmap_detached': False,
 'leaked': False,
 'uninit_call': False,
 'unmapped_len_pages': 4,
 'warnings': []}


def test_devmem_remap_failure():
    assert expected_of(run(from_doc(SCENARIO)).trace) == EXPECTED
