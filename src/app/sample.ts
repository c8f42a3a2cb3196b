// The files of a new workspace (exampress init): small, valid, and commented for a trainer.

/** bank/config.yaml, naming the organisation printed on every document. */
const config = (organisation: string) => `# yaml-language-server: $schema=schema/config.schema.json
# 这个工作区的设置：命令行参数优先于这里的设置。路径都相对于 bank/ 文件夹。
organisation: ${organisation}
blueprint: blueprints/sample.yaml
output: ../output
templates: ../templates
paper:
  size: a4          # a4 | b5 | a3
  seal: false       # true: 打印密封线
`;

const TOPICS = `# yaml-language-server: $schema=schema/topics.schema.json
topics:
  - id: fuwu-guifan
    name: 服务规范
    description: 示例知识点：把它改成你们的知识点，每个知识点一个 id。
`;

const QUESTIONS = `# yaml-language-server: $schema=../schema/questions.schema.json
# 每种题型一道示例题。答案：单选 B；多选 ABD；判断 true/false；填空每个 ___ 一个答案，可用 | 给出同义答案。
topic: fuwu-guifan
questions:
  - id: FW-001
    type: single
    stem: 客户走近柜台时，工作人员应当（ ）。
    options: [继续低头处理手头工作, 起身或抬头微笑问候, 示意客户先去取号, 等客户先开口]
    answer: B
    difficulty: 1
    source: 《服务规范手册》（示例）
    explanation: 主动问候是服务的第一步，让客户感到被重视。
    norms: [greet-first]
  - id: FW-002
    type: multiple
    stem: 接待客户时，下列做法恰当的有（ ）。
    options: [使用“您好”“请”等礼貌用语, 与客户保持适当距离, 边接听私人电话边办理业务, 双手递接单据]
    answer: ABD
    difficulty: 2
    source: 《服务规范手册》（示例）
    explanation: 礼貌用语、适当距离和双手递接都是基本规范；办理业务时接听私人电话是失礼的。
    norms: [greet-first, hand-over]
  - id: FW-003
    type: judge
    stem: 递交单据时，应将文字正面朝向自己，便于核对。（ ）
    answer: false
    difficulty: 2
    source: 《服务规范手册》（示例）
    explanation: 递交时文字应正面朝向对方，方便对方阅读。
    norms: [hand-over]
  - id: FW-004
    type: fill
    stem: 递接物品时应使用___手，文字正面朝向___。
    answer: [双, 对方|客户]
    difficulty: 2
    source: 《服务规范手册》（示例）
    explanation: 双手递接、文字朝向对方，体现尊重。
    norms: [hand-over]
`;

const NORMS = `# yaml-language-server: $schema=../schema/norms.schema.json
# 手册的一章：章、节、条按文件中的顺序编号（1、1.1、1.1.1）。
chapter:
  id: ch-service
  title: 服务规范
  intro: 示例章节：把它改成你们的规范。
  sections:
    - id: sec-reception
      title: 接待
      norms:
        - id: greet-first
          text: 客户走近时，先起身或抬头，微笑问候。
          kind: do
        - id: hand-over
          text: 递接单据和物品用双手，文字正面朝向对方。
          kind: rule
`;

const BLUEPRINT = `# yaml-language-server: $schema=../schema/blueprint.schema.json
# 组卷方案：每种题型的题数、分值和说明。
title: 服务规范知识测验
durationMinutes: 30
totalPoints: 20
seed: 1
variants:
  count: 2          # A/B 卷
  mode: shuffle
sections:
  - type: single
    count: 1
    points: 4
    instruction: 每题只有一个正确答案，请将所选答案的字母填入括号内。
  - type: multiple
    count: 1
    points: 6
    partialCredit: 3
    instruction: 每题有两个或两个以上正确答案，请将所选答案的字母填入括号内。
  - type: judge
    count: 1
    points: 4
    instruction: 正确的在括号内打“√”，错误的打“×”。
  - type: fill
    count: 1
    points: 6
    instruction: 请在横线上填写正确的内容。
`;

/** Every file of a new workspace by its path. */
export function SAMPLE_FILES(organisation: string): Record<string, string> {
  return {
    'bank/config.yaml': config(organisation),
    'bank/topics.yaml': TOPICS,
    'bank/questions/sample.yaml': QUESTIONS,
    'bank/norms/01-sample.yaml': NORMS,
    'bank/blueprints/sample.yaml': BLUEPRINT,
  };
}
